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

/// <summary>quetz's per-channel settings (mirror lists), plus our sharded-repodata switch.</summary>
/// <param name="Includelist">Mirror: the only packages to copy.</param>
/// <param name="Excludelist">Mirror: packages not to copy.</param>
/// <param name="Proxylist">Mirror: packages served from upstream instead of copied.</param>
/// <param name="Shards">False turns sharded repodata off for the channel (clients then fall back to repodata.json at once).</param>
internal sealed record ChannelMetadata(List<string>? Includelist, List<string>? Excludelist, List<string>? Proxylist, bool? Shards = null);
