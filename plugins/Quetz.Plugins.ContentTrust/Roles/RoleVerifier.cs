using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Quetz.Plugins.ContentTrust.Signing;

namespace Quetz.Plugins.ContentTrust.Roles;

/// <summary>
/// conda-content-trust's <c>verify_signable</c>: a role file is trusted when at least the threshold of distinct keys
/// of the delegation that governs it signed the canonical serialisation of its <c>signed</c> part. Signatures from
/// other keys, and malformed ones, are ignored, not counted. Root files may carry OpenPGP-made signatures (a hardware
/// key signs the SHA-256 of the data with OpenPGP's trailer), as conda's root keys do.
/// </summary>
internal static class RoleVerifier
{
    public static void Verify(RoleFile role, Delegation delegation, bool allowOpenPgp)
    {
        var data = role.SignedBytes();
        var good = 0;
        foreach (var (publicKey, node) in role.Signatures)
        {
            if (!delegation.PublicKeys.Contains(publicKey, StringComparer.Ordinal) || node is not JsonObject signature
                || Text(signature, "signature") is not { } value)
            {
                continue;
            }

            var valid = signature.Count switch
            {
                1 => Ed25519.Verify(publicKey, data, value),
                _ when allowOpenPgp && Text(signature, "other_headers") is { } headers && Hex.IsLowerHex(headers)
                    && signature.All(p => p.Key is "signature" or "other_headers" or "see_also") => Ed25519.Verify(publicKey, OpenPgpDigest(data, headers), value),
                _ => false,
            };
            good += valid ? 1 : 0;
        }

        if (good < delegation.Threshold)
        {
            throw new InvalidRoleException($"{good} good signatures from authorised keys, {delegation.Threshold} needed");
        }
    }

    /// <summary>What an OpenPGP ed25519 signature signs: SHA-256 of the data, the hashed headers and their trailer.</summary>
    private static byte[] OpenPgpDigest(byte[] data, string otherHeadersHex)
    {
        var headers = Convert.FromHexString(otherHeadersHex);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(data);
        hash.AppendData(headers);
        hash.AppendData([0x04, 0xff]);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)headers.Length);
        hash.AppendData(length);
        return hash.GetHashAndReset();
    }

    private static string? Text(JsonObject obj, string key) =>
        obj[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
