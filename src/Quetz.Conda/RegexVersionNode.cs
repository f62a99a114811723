using System.Text.RegularExpressions;

namespace Quetz.Conda;

/// <summary>
/// A regular-expression spec (<c>^1\.7\.[0-9]+$</c>) or a glob with an inner star (<c>1.*.1</c>),
/// matched against the version string as given.
/// </summary>
internal sealed class RegexVersionNode : VersionSpecNode
{
    private readonly Regex _regex;

    public RegexVersionNode(string spec, string pattern)
        : base(spec, isExact: false)
    {
        try
        {
            _regex = SpecRegex.Create(pattern);
        }
        catch (ArgumentException e)
        {
            throw new InvalidVersionSpecException(spec, "invalid regular expression: " + e.Message, e);
        }
    }

    public override bool Matches(string raw, ref VersionOrder? parsed) => SpecRegex.IsMatchAtStart(_regex, raw);
}
