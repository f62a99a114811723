namespace Quetz.Host.Channels;

/// <summary>quetz's ChannelBase: what PATCH returns.</summary>
internal sealed record ChannelBaseResponse(
    string Name, string? Description, bool Private, long? SizeLimit, int Ttl, string? MirrorChannelUrl, string? MirrorMode);

/// <summary>quetz's ChannelExtra: exactly these nine keys (quetz-client builds a dataclass from them).</summary>
internal sealed record ChannelResponse(
    string Name, string? Description, bool Private, long? SizeLimit, int Ttl, string? MirrorChannelUrl, string? MirrorMode,
    int MembersCount, int PackagesCount);

internal sealed record ChannelSearchResult(string Name, string? Description, bool Private);

internal sealed record ChannelRoleResponse(string Name, string Role);

/// <summary>The documented shape of the channel body (parsed field by field by <see cref="ChannelInput"/>).</summary>
internal sealed record ChannelBody(
    string Name, string? Description, bool Private, long? SizeLimit, int Ttl, string? MirrorChannelUrl, string? MirrorMode,
    ChannelMetadata? Metadata, List<string>? Actions);

internal sealed record ChannelMetadata(List<string>? Includelist, List<string>? Excludelist, List<string>? Proxylist);
