namespace Quetz.Conda.Tests;

public class GlobPatternTests
{
    [Theory]
    [InlineData("py27_0", "py27_0", true)]
    [InlineData("py27_0", "py27_1", false)]
    [InlineData("*", "", true)]
    [InlineData("**", "anything", true)]
    [InlineData("py*", "py27_0", true)]
    [InlineData("*_0", "py27_0", true)]
    [InlineData("*27*", "py27_0", true)]
    [InlineData("a*a", "a", false)]
    [InlineData("a*a", "aa", true)]
    [InlineData("a*b*c", "a-c-b-c", true)]
    [InlineData("a*b*c", "a-c-c", false)]
    [InlineData("*habc*_3", "red_habc123_3", true)]
    [InlineData("py3.*", "py3x", false)]
    public void MatchesStarGlobs(string pattern, string input, bool expected)
    {
        Assert.Equal(expected, GlobPattern.IsMatch(pattern, input));
    }
}
