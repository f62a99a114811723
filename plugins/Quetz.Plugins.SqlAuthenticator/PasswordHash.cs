using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Quetz.Plugins.SqlAuthenticator;

/// <summary>
/// Passwords as PBKDF2-HMAC-SHA256 derived keys in passlib's <c>pbkdf2_sha256</c> format,
/// <c>$pbkdf2-sha256$&lt;rounds&gt;$&lt;salt&gt;$&lt;key&gt;</c> (base64 with '.' for '+', no padding). Why this KDF:
/// it is the one quetz-sql-authenticator stores, so a <c>credentials</c> table taken over from quetz keeps working
/// (its hashes at passlib's 29 000 rounds are upgraded at the next successful login); it is built into .NET and
/// FIPS-approved; and new hashes use OWASP's current 600 000 rounds with a random 16-byte salt.
/// </summary>
internal static class PasswordHash
{
    /// <summary>OWASP's Password Storage Cheat Sheet figure for PBKDF2-HMAC-SHA256.</summary>
    public const int Rounds = 600_000;

    private const string Prefix = "$pbkdf2-sha256$";
    private const int SaltBytes = 16;
    private const int KeyBytes = 32;

    /// <summary>Stored values are set by server owners, but a huge round count would still stall every login.</summary>
    private const int MaxRounds = 10_000_000;

    /// <summary>A hash no password matches, verified against for unknown users so they take as long as known ones.</summary>
    private static readonly Lazy<string> Decoy = new(() => Hash(Convert.ToHexString(RandomNumberGenerator.GetBytes(16))));

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Rounds, HashAlgorithmName.SHA256, KeyBytes);
        return $"{Prefix}{Rounds.ToString(CultureInfo.InvariantCulture)}${ToAb64(salt)}${ToAb64(key)}";
    }

    /// <summary>Whether <paramref name="password"/> matches <paramref name="stored"/>, compared in constant time; false for a malformed hash.</summary>
    public static bool Verify(string password, string stored, out bool outdated)
    {
        outdated = false;
        if (!TryParse(stored, out var rounds, out var salt, out var expected))
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, rounds, HashAlgorithmName.SHA256, expected.Length);
        outdated = rounds < Rounds || salt.Length < SaltBytes;
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Spends the time of a verification, for a user name that has no credentials.</summary>
    public static void VerifyDecoy(string password) => Verify(password, Decoy.Value, out _);

    private static bool TryParse(string stored, out int rounds, out byte[] salt, out byte[] key)
    {
        rounds = 0;
        salt = key = [];
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal) || stored[Prefix.Length..].Split('$') is not [var r, var s, var k])
        {
            return false;
        }

        return int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out rounds) && rounds is > 0 and <= MaxRounds
            && TryFromAb64(s, out salt) && TryFromAb64(k, out key) && key.Length >= 16;
    }

    private static string ToAb64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '.');

    private static bool TryFromAb64(string text, out byte[] bytes)
    {
        var base64 = text.Replace('.', '+');
        base64 += new string('=', (4 - base64.Length % 4) % 4);
        bytes = new byte[base64.Length];
        if (Convert.TryFromBase64String(base64, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
