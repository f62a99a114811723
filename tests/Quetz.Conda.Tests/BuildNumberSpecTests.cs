namespace Quetz.Conda.Tests;

public class BuildNumberSpecTests
{
    [Theory]
    [InlineData("3", 3, true)]
    [InlineData(" 3 ", 3, true)]
    [InlineData("03", 3, true)]
    [InlineData("+3", 3, true)]
    [InlineData("1_0", 10, true)]
    [InlineData("3", 4, false)]
    [InlineData("*", 99, true)]
    [InlineData(">=3", 3, true)]
    [InlineData(">=3", 2, false)]
    [InlineData("<8", 7, true)]
    [InlineData(">7", 7, false)]
    [InlineData("!=2", 2, false)]
    [InlineData("==2", 2, true)]
    [InlineData("=1", 1, true)]
    [InlineData("=1", 12, false)]
    [InlineData("^[0-3]$", 2, true)]
    [InlineData("^[0-3]$", 12, false)]
    [InlineData("abc", 0, false)]
    [InlineData("~=3", 3, false)]
    public void Matches(string spec, long buildNumber, bool expected)
    {
        Assert.Equal(expected, BuildNumberSpec.Parse(spec).Matches(buildNumber));
    }

    [Theory]
    [InlineData(" 03 ", "3", 3L)]
    [InlineData("1_000", "1000", 1000L)]
    [InlineData(">=3", ">=3", null)]
    [InlineData("1__0", "1__0", null)]
    public void PrintsCanonicalForm(string spec, string expected, long? exact)
    {
        BuildNumberSpec parsed = BuildNumberSpec.Parse(spec);

        Assert.Equal(expected, parsed.ToString());
        Assert.Equal(exact, parsed.ExactValue);
        Assert.Equal(parsed, BuildNumberSpec.Parse(spec));
    }

    [Theory]
    [InlineData("<>3")]
    [InlineData(">= 3")]
    [InlineData("!")]
    [InlineData("^3")]
    [InlineData(">=a&b")]
    public void RejectsInvalidSpecs(string spec)
    {
        Assert.Throws<InvalidVersionSpecException>(() => BuildNumberSpec.Parse(spec));
        Assert.False(BuildNumberSpec.TryParse(spec, out _));
    }
}
