using System.Text.RegularExpressions;

namespace Quetz.Conda;

/// <summary>
/// A string that is a regular expression when written <c>^...$</c>, a glob when it contains
/// <c>*</c>, and an exact value otherwise (conda's <c>GlobStrMatch</c> family).
/// </summary>
internal sealed class GlobFieldMatcher : FieldMatcher
{
    private readonly Regex? _regex;
    private readonly bool _isGlob;
    private readonly bool _ignoreInputCase;

    /// <param name="value">The pattern.</param>
    /// <param name="lowerCaseValue">Lower-case the pattern (names, licenses).</param>
    /// <param name="ignoreInputCase">Lower-case the record's value before matching (licenses).</param>
    public GlobFieldMatcher(string value, bool lowerCaseValue, bool ignoreInputCase)
    {
        Text = lowerCaseValue ? value.ToLowerInvariant() : value;
        _ignoreInputCase = ignoreInputCase;
        if (Text.StartsWith('^') && Text.EndsWith('$'))
        {
            try
            {
                _regex = SpecRegex.Create(Text);
            }
            catch (ArgumentException e)
            {
                throw InvalidMatchSpecException.For(Text, $"Contains an invalid regular expression. '{e.Message}'");
            }
        }
        else
        {
            _isGlob = Text.Contains('*', StringComparison.Ordinal);
        }
    }

    public override string Text { get; }

    public override bool IsExact => _regex is null && !_isGlob;

    /// <summary>Whether the pattern is <c>*</c>.</summary>
    public bool MatchesAll => Text == "*";

    public override bool Matches(string? value)
    {
        value ??= string.Empty;
        if (_ignoreInputCase)
        {
            value = value.ToLowerInvariant();
        }

        if (_regex is not null)
        {
            return SpecRegex.IsMatchAtStart(_regex, value);
        }

        return _isGlob ? GlobPattern.IsMatch(Text, value) : string.Equals(Text, value, StringComparison.Ordinal);
    }
}
