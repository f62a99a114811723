namespace Quetz.Plugins.ContentTrust.Signing;

/// <summary>
/// conda-content-trust's hex formats: lower-case only, so one key has one spelling (two spellings of a key must never
/// count as two signatures towards a threshold).
/// </summary>
internal static class Hex
{
    public static bool IsKey(string? value) => IsLowerHex(value, 64);

    public static bool IsSignature(string? value) => IsLowerHex(value, 128);

    public static bool IsLowerHex(string? value, int? length = null) =>
        value is not null && (length is null || value.Length == length) && value.Length % 2 == 0
        && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
