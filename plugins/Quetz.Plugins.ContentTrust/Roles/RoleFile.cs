using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Quetz.Plugins.ContentTrust.Signing;

namespace Quetz.Plugins.ContentTrust.Roles;

/// <summary>
/// A role file as conda-content-trust defines delegating metadata: <c>{"signatures": {key: {"signature": hex, …}},
/// "signed": {"type", "version", "metadata_spec_version", "timestamp", "expiration", "delegations"}}</c> and nothing
/// else, every part checked as <c>checkformat_delegating_metadata</c> checks it.
/// </summary>
internal sealed class RoleFile
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    private RoleFile(JsonObject signed, JsonObject signatures, string type, long version, string timestamp, string expiration,
        IReadOnlyDictionary<string, Delegation> delegations)
    {
        Signed = signed;
        Signatures = signatures;
        Type = type;
        Version = version;
        Timestamp = timestamp;
        Expiration = expiration;
        Delegations = delegations;
    }

    public JsonObject Signed { get; }

    public JsonObject Signatures { get; }

    public string Type { get; }

    public long Version { get; }

    public string Timestamp { get; }

    public string Expiration { get; }

    public IReadOnlyDictionary<string, Delegation> Delegations { get; }

    /// <summary>When it stops being valid.</summary>
    public DateTimeOffset ExpiresAt => DateTimeOffset.ParseExact(Expiration, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>The bytes its signatures cover.</summary>
    public byte[] SignedBytes() => CanonicalJson.Serialize(Signed);

    public static RoleFile Parse(ReadOnlySpan<byte> json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new InvalidRoleException("not JSON: " + e.Message);
        }

        if (node is not JsonObject root || root.Count != 2 || root["signatures"] is not JsonObject signatures || root["signed"] is not JsonObject signed)
        {
            throw new InvalidRoleException("expected exactly 'signatures' (an object) and 'signed' (an object)");
        }

        var type = String(signed, "type");
        String(signed, "metadata_spec_version");
        var expiration = Time(signed, "expiration");
        var timestamp = Time(signed, "timestamp");
        var version = signed["version"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) && n >= 1
            ? n
            : throw new InvalidRoleException("'version' must be an integer >= 1");
        if (signed["delegations"] is not JsonObject delegations)
        {
            throw new InvalidRoleException("'delegations' must be an object");
        }

        return new RoleFile(signed, signatures, type, version, timestamp, expiration,
            delegations.ToDictionary(d => d.Key, d => ParseDelegation(d.Key, d.Value), StringComparer.Ordinal));
    }

    private static Delegation ParseDelegation(string role, JsonNode? node)
    {
        if (node is not JsonObject obj || obj.Count != 2 || obj["pubkeys"] is not JsonArray keys
            || obj["threshold"] is not JsonValue t || t.GetValueKind() != JsonValueKind.Number || !t.TryGetValue<int>(out var threshold) || threshold < 1)
        {
            throw new InvalidRoleException($"delegation '{role}' must be exactly 'pubkeys' (a list of keys) and 'threshold' (an integer >= 1)");
        }

        var publicKeys = keys.Select(k => k is JsonValue kv && kv.GetValueKind() == JsonValueKind.String ? kv.GetValue<string>() : null).ToList();
        if (publicKeys.Any(k => !Hex.IsKey(k)) || publicKeys.Distinct(StringComparer.Ordinal).Count() != publicKeys.Count)
        {
            throw new InvalidRoleException($"delegation '{role}' must list distinct 64-character lower-case hex keys");
        }

        if (publicKeys.Count < threshold)
        {
            throw new InvalidRoleException($"delegation '{role}' needs {threshold} signatures from {publicKeys.Count} keys");
        }

        return new Delegation(publicKeys!, threshold);
    }

    private static string String(JsonObject signed, string key) =>
        signed[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw new InvalidRoleException($"'{key}' must be a string");

    private static string Time(JsonObject signed, string key)
    {
        var text = String(signed, key);
        return DateTimeOffset.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)
            ? text
            : throw new InvalidRoleException($"'{key}' must be a UTC time like 1999-12-31T23:59:59Z");
    }
}
