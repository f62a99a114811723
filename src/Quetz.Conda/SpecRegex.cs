using System.Text.RegularExpressions;

namespace Quetz.Conda;

/// <summary>
/// Regular expressions given inside specs. They use the linear-time engine when the pattern
/// allows it, and otherwise the backtracking engine with a time limit, so a hostile pattern
/// cannot stall the server.
/// </summary>
internal static class SpecRegex
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    /// <exception cref="ArgumentException">The pattern is not a valid regular expression.</exception>
    public static Regex Create(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (NotSupportedException)
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
        }
    }

    /// <summary>Python's <c>re.match</c>: a match that begins at the start of the input.</summary>
    public static bool IsMatchAtStart(Regex regex, string input)
    {
        Match match = regex.Match(input);
        return match.Success && match.Index == 0;
    }
}
