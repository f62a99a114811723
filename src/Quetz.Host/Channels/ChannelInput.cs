using System.Text.Json;
using System.Text.RegularExpressions;
using Quetz.Host.Http;

namespace Quetz.Host.Channels;

/// <summary>A channel body (POST and PATCH), validated as quetz's pydantic model validates it.</summary>
internal sealed partial class ChannelInput
{
    public static readonly string[] Actions =
        ["synchronize", "synchronize_repodata", "reindex", "generate_indexes", "validate_packages", "synchronize_metrics", "cleanup", "cleanup_dry_run"];

    public required JsonBody Body { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public bool Private { get; init; }
    public long? SizeLimit { get; init; }
    public int Ttl { get; init; }
    public string? MirrorChannelUrl { get; init; }
    public string? MirrorMode { get; init; }
    public ChannelMetadata? Metadata { get; init; }
    public List<string>? RequestedActions { get; init; }

    public static async Task<ChannelInput> ReadAsync(HttpRequest request, bool nameRequired, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync(request, ct);
        var name = nameRequired ? body.RequiredString("name", 50) : body.String("name", 50);
        var description = body.String("description", 300);
        var url = body.String("mirror_channel_url", pattern: MirrorUrlPattern());
        var mode = body.String("mirror_mode");
        if (mode is not null and not ("proxy" or "mirror"))
        {
            throw ApiException.Invalid(["body", "mirror_mode"], "Input should be 'proxy' or 'mirror'", "enum", mode);
        }

        if (url is not null && mode is null)
        {
            throw ApiException.Invalid(["body"], "Value error, 'mirror_channel_url' provided but 'mirror_mode' is undefined", "value_error");
        }

        if (mode is not null && url is null)
        {
            throw ApiException.Invalid(["body"], "Value error, 'mirror_mode' provided but 'mirror_channel_url' is undefined", "value_error");
        }

        // private and ttl have defaults but are not Optional in quetz's model: an explicit null is a 422, not the default.
        if (body.IsNull("private"))
        {
            throw ApiException.Invalid(["body", "private"], "Input should be a valid boolean", "bool_type");
        }

        if (body.IsNull("ttl"))
        {
            throw ApiException.Invalid(["body", "ttl"], "Input should be a valid integer", "int_type");
        }

        var ttl = body.Long("ttl", 0) ?? 36000;
        if (ttl > int.MaxValue)
        {
            throw ApiException.Invalid(["body", "ttl"], $"Input should be less than or equal to {int.MaxValue}", "less_than_equal", ttl);
        }

        return new ChannelInput
        {
            Body = body,
            Name = name,
            Description = description,
            Private = body.Bool("private") ?? true,
            SizeLimit = body.Long("size_limit", 0),
            Ttl = (int)ttl,
            MirrorChannelUrl = url,
            MirrorMode = mode,
            Metadata = ReadMetadata(body),
            RequestedActions = ReadActions(body),
        };
    }

    private static ChannelMetadata? ReadMetadata(JsonBody body)
    {
        if (body.Element("metadata") is not { } element)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.Invalid(["body", "metadata"], "Input should be a valid dictionary", "dict_type");
        }

        List<string>? List(string key) =>
            element.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null
                ? JsonBody.StringListOf(v, ["metadata", key])
                : null;

        bool? shards = null;
        if (element.TryGetProperty("shards", out var s) && s.ValueKind != JsonValueKind.Null)
        {
            shards = s.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? s.GetBoolean()
                : throw ApiException.Invalid(["body", "metadata", "shards"], "Input should be a valid boolean", "bool_type");
        }

        return new ChannelMetadata(List("includelist"), List("excludelist"), List("proxylist"), shards);
    }

    private static List<string>? ReadActions(JsonBody body)
    {
        var actions = body.StringList("actions");
        if (actions is null)
        {
            return null;
        }

        for (var i = 0; i < actions.Count; i++)
        {
            if (!Actions.Contains(actions[i]))
            {
                throw ApiException.Invalid(["body", "actions", i],
                    "Input should be " + string.Join(", ", Actions.Select(a => $"'{a}'")), "enum", actions[i]);
            }
        }

        return actions;
    }

    [GeneratedRegex("^(http|https)://.+")]
    private static partial Regex MirrorUrlPattern();
}
