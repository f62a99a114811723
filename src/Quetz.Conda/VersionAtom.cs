using System.Globalization;

namespace Quetz.Conda;

/// <summary>
/// One sub-component of a conda version: a number, a string, or <c>post</c> (infinity).
/// Numbers up to 18 digits are held in a <see cref="long"/>; longer ones keep their digits
/// (leading zeros removed) so that arbitrarily long numerals still compare exactly.
/// </summary>
internal readonly struct VersionAtom : IEquatable<VersionAtom>
{
    private const int MaxInlineDigits = 18;

    private readonly long _number;
    private readonly string? _text;

    private VersionAtom(VersionAtomKind kind, long number, string? text)
    {
        Kind = kind;
        _number = number;
        _text = text;
    }

    /// <summary>The fill value conda uses for missing sub-components: the number 0.</summary>
    public static VersionAtom Zero { get; } = new(VersionAtomKind.Number, 0, null);

    public static VersionAtom Infinity { get; } = new(VersionAtomKind.Infinity, 0, null);

    public VersionAtomKind Kind { get; }

    /// <summary>The string of a <see cref="VersionAtomKind.String"/> atom.</summary>
    public string Text => _text ?? string.Empty;

    public bool IsZero => Kind == VersionAtomKind.Number && _text is null && _number == 0;

    public static VersionAtom FromString(string text) => new(VersionAtomKind.String, 0, text);

    /// <summary>Makes a number atom from a run of ASCII digits.</summary>
    public static VersionAtom FromDigits(ReadOnlySpan<char> digits)
    {
        int start = 0;
        while (start < digits.Length - 1 && digits[start] == '0')
        {
            start++;
        }

        ReadOnlySpan<char> significant = digits[start..];
        if (significant.Length <= MaxInlineDigits)
        {
            long value = 0;
            foreach (char c in significant)
            {
                value = (value * 10) + (c - '0');
            }

            return new VersionAtom(VersionAtomKind.Number, value, null);
        }

        return new VersionAtom(VersionAtomKind.Number, 0, significant.ToString());
    }

    public int CompareTo(in VersionAtom other)
    {
        if (Kind != other.Kind)
        {
            return Kind < other.Kind ? -1 : 1;
        }

        switch (Kind)
        {
            case VersionAtomKind.String:
                return Math.Sign(string.CompareOrdinal(_text, other._text));
            case VersionAtomKind.Number:
                if (_text is null && other._text is null)
                {
                    return _number.CompareTo(other._number);
                }

                if (_text is null)
                {
                    return -1;
                }

                if (other._text is null)
                {
                    return 1;
                }

                return _text.Length != other._text.Length
                    ? _text.Length.CompareTo(other._text.Length)
                    : Math.Sign(string.CompareOrdinal(_text, other._text));
            default:
                return 0;
        }
    }

    public bool Equals(VersionAtom other) => CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is VersionAtom other && Equals(other);

    public override int GetHashCode() => Kind switch
    {
        VersionAtomKind.String => HashCode.Combine(Kind, string.GetHashCode(Text, StringComparison.Ordinal)),
        VersionAtomKind.Number => _text is null
            ? HashCode.Combine(Kind, _number)
            : HashCode.Combine(Kind, string.GetHashCode(_text, StringComparison.Ordinal)),
        _ => HashCode.Combine(Kind),
    };

    /// <summary>Formats the atom the way conda's tests print it: <c>1</c>, <c>'a'</c>, <c>inf</c>.</summary>
    public override string ToString() => Kind switch
    {
        VersionAtomKind.String => "'" + Text + "'",
        VersionAtomKind.Number => _text ?? _number.ToString(CultureInfo.InvariantCulture),
        _ => "inf",
    };
}
