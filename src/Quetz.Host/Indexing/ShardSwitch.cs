using System.Text.Json;
using Quetz.Host.Config;

namespace Quetz.Host.Indexing;

/// <summary>
/// Whether a channel publishes sharded repodata: <c>[repodata] shards</c> for the server, and <c>"shards": false</c> in
/// a channel's metadata (quetz's free-form per-channel settings, changed with PATCH) for one channel.
/// </summary>
internal static class ShardSwitch
{
    public static bool IsOn(RepodataOptions options, string channelMetadata)
    {
        if (!options.Shards)
        {
            return false;
        }

        try
        {
            using var metadata = JsonDocument.Parse(channelMetadata);
            return !(metadata.RootElement.ValueKind == JsonValueKind.Object
                && metadata.RootElement.TryGetProperty("shards", out var shards) && shards.ValueKind == JsonValueKind.False);
        }
        catch (JsonException)
        {
            return true;
        }
    }
}
