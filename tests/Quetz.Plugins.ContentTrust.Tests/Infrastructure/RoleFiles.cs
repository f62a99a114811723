using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Quetz.Plugins.ContentTrust.Tests.Infrastructure;

/// <summary>
/// Role files as conda-content-trust's metadata_construction builds them and its signing signs them: the signatures
/// cover <c>json.dumps(signed, indent=2, sort_keys=True)</c>, which for these ASCII-only documents is what
/// System.Text.Json writes with sorted keys, two-space indentation and '\n' line ends.
/// </summary>
public static class RoleFiles
{
    private static readonly JsonSerializerOptions Canonical = new() { WriteIndented = true, IndentSize = 2, NewLine = "\n" };

    public static DateTimeOffset InAYear => DateTimeOffset.UtcNow.AddDays(365);

    /// <summary>The <c>signed</c> part of a role.</summary>
    public static JsonObject Signed(string type, int version, DateTimeOffset expiration, params (string Role, TestKey[] Keys, int Threshold)[] delegations)
    {
        var delegated = new JsonObject();
        foreach (var (role, keys, threshold) in delegations.OrderBy(d => d.Role, StringComparer.Ordinal))
        {
            delegated[role] = new JsonObject
            {
                ["pubkeys"] = new JsonArray([.. keys.Select(k => JsonValue.Create(k.PublicKey))]),
                ["threshold"] = threshold,
            };
        }

        return new JsonObject
        {
            ["delegations"] = delegated,
            ["expiration"] = Time(expiration),
            ["metadata_spec_version"] = "0.6.0",
            ["timestamp"] = Time(DateTimeOffset.UtcNow.AddMinutes(-1)),
            ["type"] = type,
            ["version"] = version,
        };
    }

    /// <summary>The file: <paramref name="signed"/> with a signature by each of <paramref name="signers"/>.</summary>
    public static byte[] Sign(JsonObject signed, params TestKey[] signers)
    {
        var bytes = CanonicalBytes(signed);
        var signatures = new JsonObject();
        foreach (var signer in signers)
        {
            signatures[signer.PublicKey] = new JsonObject { ["signature"] = signer.Sign(bytes) };
        }

        return Encoding.UTF8.GetBytes(new JsonObject { ["signatures"] = signatures, ["signed"] = signed.DeepClone() }.ToJsonString());
    }

    public static byte[] CanonicalBytes(JsonObject signed) => Encoding.UTF8.GetBytes(signed.ToJsonString(Canonical));

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
