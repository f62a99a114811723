namespace Quetz.Conda.Repodata;

/// <summary>
/// Orders strings by Unicode code point, as Python's <c>sorted()</c> and <c>json.dumps(sort_keys=True)</c>
/// do. This is <see cref="StringComparer.Ordinal"/> except that characters outside the Basic
/// Multilingual Plane (UTF-16 surrogate pairs) sort after U+E000..U+FFFF instead of before them.
/// </summary>
public sealed class CodePointComparer : IComparer<string>, IEqualityComparer<string>
{
    private CodePointComparer()
    {
    }

    /// <summary>The single instance.</summary>
    public static CodePointComparer Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        int common = x.AsSpan().CommonPrefixLength(y);
        if (common == x.Length || common == y.Length)
        {
            return x.Length.CompareTo(y.Length);
        }

        return Weight(x[common]).CompareTo(Weight(y[common]));
    }

    /// <inheritdoc />
    public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

    /// <inheritdoc />
    public int GetHashCode(string obj) => StringComparer.Ordinal.GetHashCode(obj);

    // Surrogates (D800-DFFF) encode code points above FFFF, so they must sort after E000-FFFF.
    private static int Weight(char c) => c switch
    {
        >= '\uE000' => c - 0x800,
        >= '\uD800' => c + 0x2000,
        _ => c,
    };
}
