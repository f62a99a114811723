namespace Quetz.Conda.Tests;

public class VersionSpecTests
{
    [Fact]
    public void AnyMatchesEverything()
    {
        Assert.Equal("*", VersionSpec.Any.Spec);
        Assert.True(VersionSpec.Any.Matches("not a version!"));
        Assert.Equal(VersionSpec.Any, VersionSpec.Parse(" * "));
    }

    [Theory]
    [InlineData("1.0|1.1,2.0", "1.0", true)]
    [InlineData("1.0|1.1,2.0", "1.1", false)]
    [InlineData("(1.0|1.1),>=1.1", "1.1", true)]
    [InlineData("(1.0|1.1),>=1.1", "1.0", false)]
    [InlineData(">=1!1.0", "2.0", false)]
    [InlineData("!=1.2.*", "1.20", true)]
    [InlineData(">=1.2.*", "1.2", true)]
    [InlineData("<1.2.*", "1.2", false)]
    [InlineData("=1.2.*", "1.2.5", true)]
    [InlineData("1.2@foo", "1.2@foo", true)]
    [InlineData("1.2@foo", "1.2", false)]
    [InlineData("1.*.1+*", "1.2.1+abc", true)]
    [InlineData("^1\\.2$|>3", "1.2", true)]
    public void Matches(string spec, string version, bool expected)
    {
        Assert.Equal(expected, VersionSpec.Parse(spec).Matches(version));
    }

    [Theory]
    [InlineData("(1.0|1.1),>=1.1", "1.0|1.1,>=1.1")]
    [InlineData(" >=1.0 , <2 ", ">=1.0,<2")]
    [InlineData("1.2**", "1.2*.*")]
    [InlineData(">=1.2.*", ">=1.2.*")]
    public void PrintsLikeConda(string spec, string expected)
    {
        Assert.Equal(expected, VersionSpec.Parse(spec).ToString());
    }

    [Fact]
    public void ParsesTheVersionOnlyWhenNeeded()
    {
        VersionSpec spec = VersionSpec.Parse("^x.*$|>=1.0");

        Assert.True(spec.Matches("x-not-a-version"));
        Assert.Throws<InvalidVersionSpecException>(() => spec.Matches("y-not&a-version"));
    }

    [Theory]
    [InlineData("(1.5)(1.6)")]
    [InlineData("~=1")]
    [InlineData("1.0,")]
    [InlineData("^(1$")]
    [InlineData("<= 1.0")]
    [InlineData("<>1.0")]
    [InlineData(".*")]
    public void RejectsMore(string spec)
    {
        Assert.Throws<InvalidVersionSpecException>(() => VersionSpec.Parse(spec));
        Assert.False(VersionSpec.TryParse(spec, out _));
    }

    [Fact]
    public void HandlesNull()
    {
        Assert.False(VersionSpec.TryParse(null, out _));
        Assert.Throws<ArgumentNullException>(() => VersionSpec.Parse(null!));
        Assert.False(VersionSpec.Parse("1.0") == null);
        Assert.True((VersionSpec?)null == null);
    }
}
