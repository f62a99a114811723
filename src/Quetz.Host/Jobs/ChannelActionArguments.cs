using System.Text.Json;
using System.Text.Json.Nodes;

namespace Quetz.Host.Jobs;

/// <summary>A channel action job keeps its channel in <c>extra_args</c> as <c>{"channel_name": …}</c>, as quetz does.</summary>
internal static class ChannelActionArguments
{
    public static string For(string channel) => new JsonObject { ["channel_name"] = channel }.ToJsonString();

    public static string? ChannelOf(Data.Job job)
    {
        if (job.ExtraArgs is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(job.ExtraArgs)?["channel_name"]?.GetValue<string>();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
