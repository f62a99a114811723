using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Quetz.Conda;

/// <summary>
/// A constraint on a package's build number (conda's <c>BuildNumberMatch</c>): an exact number
/// (<c>3</c>), <c>*</c>, a relational spec (<c>&gt;=3</c>, <c>&lt;8</c>, <c>!=2</c>), or a
/// regular expression (<c>^[0-9]$</c>).
/// </summary>
/// <remarks>
/// Relational specs compare the build number as a <see cref="VersionOrder"/>, as conda does.
/// Any other text is kept as an exact value that no build number equals.
/// </remarks>
public sealed class BuildNumberSpec : IEquatable<BuildNumberSpec>
{
    private readonly Kind _kind;
    private readonly long _number;
    private readonly OperatorVersionNode? _operator;
    private readonly Regex? _regex;

    private BuildNumberSpec(string spec, Kind kind, long number = 0, OperatorVersionNode? op = null, Regex? regex = null)
    {
        Spec = spec;
        _kind = kind;
        _number = number;
        _operator = op;
        _regex = regex;
    }

    private enum Kind
    {
        Exact,
        Any,
        Operator,
        Regex,
        Literal,
    }

    /// <summary>The canonical string: the number for exact specs, otherwise the trimmed spec.</summary>
    public string Spec { get; }

    /// <summary>The build number, when the spec is a plain number.</summary>
    public long? ExactValue => _kind == Kind.Exact ? _number : null;

    /// <summary>Parses a build number spec.</summary>
    /// <param name="spec">The spec string.</param>
    /// <returns>The parsed spec.</returns>
    /// <exception cref="InvalidVersionSpecException">The spec starts with an operator that is not valid.</exception>
    public static BuildNumberSpec Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (TryParseInteger(spec, out long number))
        {
            return new BuildNumberSpec(number.ToString(CultureInfo.InvariantCulture), Kind.Exact, number);
        }

        string text = spec.Trim();
        if (text == "*")
        {
            return new BuildNumberSpec(text, Kind.Any);
        }

        if (text.Length > 0 && text[0] is '=' or '<' or '>' or '!')
        {
            if (!RelationalSpec.TrySplit(text, out string op, out string version))
            {
                throw InvalidVersionSpecException.For(text, "invalid operator");
            }

            VersionOperator parsedOperator = op switch
            {
                "==" => VersionOperator.Equal,
                "!=" => VersionOperator.NotEqual,
                "<" => VersionOperator.Less,
                "<=" => VersionOperator.LessOrEqual,
                ">" => VersionOperator.Greater,
                ">=" => VersionOperator.GreaterOrEqual,
                _ => VersionOperator.StartsWith,
            };
            var node = new OperatorVersionNode(text, parsedOperator, VersionOrder.Parse(version), parsedOperator == VersionOperator.Equal);
            return new BuildNumberSpec(text, Kind.Operator, op: node);
        }

        if (text.Length > 0 && (text[0] == '^' || text[^1] == '$'))
        {
            if (text[0] != '^' || text[^1] != '$')
            {
                throw InvalidVersionSpecException.For(text, "regex specs must start with '^' and end with '$'");
            }

            try
            {
                return new BuildNumberSpec(text, Kind.Regex, regex: SpecRegex.Create(text));
            }
            catch (ArgumentException e)
            {
                throw new InvalidVersionSpecException(text, "invalid regular expression: " + e.Message, e);
            }
        }

        return new BuildNumberSpec(text, Kind.Literal);
    }

    /// <summary>Parses a build number spec without throwing.</summary>
    /// <param name="spec">The spec string.</param>
    /// <param name="result">The parsed spec, or <c>null</c> when the string is not valid.</param>
    /// <returns>Whether the string is a valid build number spec.</returns>
    public static bool TryParse([NotNullWhen(true)] string? spec, [NotNullWhen(true)] out BuildNumberSpec? result)
    {
        result = null;
        if (spec is null)
        {
            return false;
        }

        try
        {
            result = Parse(spec);
            return true;
        }
        catch (InvalidVersionSpecException)
        {
            return false;
        }
    }

    /// <summary>Whether <paramref name="buildNumber"/> satisfies the spec.</summary>
    /// <param name="buildNumber">The package's build number.</param>
    /// <returns>Whether it matches.</returns>
    public bool Matches(long buildNumber) => _kind switch
    {
        Kind.Exact => buildNumber == _number,
        Kind.Any => true,
        Kind.Operator => _operator!.Matches(VersionOrder.Parse(buildNumber.ToString(CultureInfo.InvariantCulture))),
        Kind.Regex => SpecRegex.IsMatchAtStart(_regex!, buildNumber.ToString(CultureInfo.InvariantCulture)),
        _ => false,
    };

    /// <inheritdoc/>
    public bool Equals(BuildNumberSpec? other) =>
        other is not null && _kind == other._kind && string.Equals(Spec, other.Spec, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BuildNumberSpec other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => string.GetHashCode(Spec, StringComparison.Ordinal);

    /// <summary>The canonical string (<see cref="Spec"/>).</summary>
    /// <returns>The canonical string.</returns>
    public override string ToString() => Spec;

    /// <summary>Python's <c>int(text)</c>: surrounding whitespace, a sign, and single underscores between digits.</summary>
    private static bool TryParseInteger(string text, out long value)
    {
        ReadOnlySpan<char> span = text.AsSpan().Trim();
        value = 0;
        if (span.IsEmpty)
        {
            return false;
        }

        bool negative = span[0] == '-';
        if (span[0] is '-' or '+')
        {
            span = span[1..];
        }

        // Longer text cannot hold a long anyway; the bound also keeps the stack buffer small.
        if (span.IsEmpty || span.Length > 64 || !char.IsAsciiDigit(span[0]) || !char.IsAsciiDigit(span[^1]))
        {
            return false;
        }

        Span<char> digits = stackalloc char[span.Length];
        int count = 0;
        for (int i = 0; i < span.Length; i++)
        {
            char c = span[i];
            if (char.IsAsciiDigit(c))
            {
                digits[count++] = c;
            }
            else if (c != '_' || span[i - 1] == '_')
            {
                return false;
            }
        }

        if (!long.TryParse(digits[..count], NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        value = negative ? -value : value;
        return true;
    }
}
