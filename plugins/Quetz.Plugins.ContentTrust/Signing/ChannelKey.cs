namespace Quetz.Plugins.ContentTrust.Signing;

/// <summary>The key a channel's records are signed with: a <c>pkg_mgr</c> key whose private half the server holds.</summary>
internal sealed record ChannelKey(string PublicKey, string PrivateKey);
