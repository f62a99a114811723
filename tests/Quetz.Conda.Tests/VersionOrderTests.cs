namespace Quetz.Conda.Tests;

public class VersionOrderTests
{
    [Theory]
    [InlineData("1", "1.0")]
    [InlineData("1.0", "1.0.0")]
    [InlineData("1.0+0", "1.0")]
    [InlineData("1.0+1.0", "1.0+1")]
    [InlineData("0!1.0", "1.0")]
    [InlineData("1.0RC1", "1.0rc1")]
    [InlineData("1.0-rc1", "1.0_rc1")]
    [InlineData("1.01", "1.1")]
    [InlineData("1.a", "1.0a")]
    [InlineData("12345678901234567890123", "0012345678901234567890123")]
    public void EqualVersionsHashAlike(string left, string right)
    {
        VersionOrder a = VersionOrder.Parse(left);
        VersionOrder b = VersionOrder.Parse(right);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Theory]
    [InlineData("1.0dev", "1.0_")]
    [InlineData("1.0_", "1.0a")]
    [InlineData("1.0a", "1.0")]
    [InlineData("1.0", "1.0post")]
    [InlineData("1.0.*", "1.0.dev")]
    [InlineData("1.0", "1.0+1")]
    [InlineData("1.0+abc", "1.0+1")]
    [InlineData("2.0", "1!0.1")]
    [InlineData("1.9", "1.10")]
    [InlineData("999999999999999999", "1000000000000000000")]
    [InlineData("123456789012345678901234", "123456789012345678901235")]
    [InlineData("99999999999999999999", "100000000000000000000")]
    public void OrdersVersions(string lower, string higher)
    {
        VersionOrder a = VersionOrder.Parse(lower);
        VersionOrder b = VersionOrder.Parse(higher);

        Assert.True(a < b);
        Assert.True(b > a);
        Assert.True(a <= b);
        Assert.True(b >= a);
        Assert.True(a.CompareTo(b) < 0);
        Assert.True(b.CompareTo(a) > 0);
        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData("1.0.1_", "[[0], [1], [0], [1, '_']]")]
    [InlineData("1.1a_", "[[0], [1], [1, 'a_']]")]
    [InlineData("_", "[[0], [0, '_']]")]
    [InlineData("1__", "[[0], [1], [0, '_']]")]
    [InlineData("1.0post_", "[[0], [1], [0, 'post_']]")]
    [InlineData("1.0devel", "[[0], [1], [0, 'devel']]")]
    [InlineData("1-2", "[[0], [1], [2]]")]
    public void ParsesEdgeCases(string version, string components)
    {
        Assert.Equal(components, VersionOrder.Parse(version).FormatVersionComponents());
    }

    [Fact]
    public void KeepsTheLocalPartApart()
    {
        VersionOrder version = VersionOrder.Parse("1.2+Local_1.x");

        Assert.True(version.HasLocalVersion);
        Assert.Equal("[[0], [1], [2]]", version.FormatVersionComponents());
        Assert.Equal("[[0, 'local'], [1], [0, 'x']]", version.FormatLocalComponents());
        Assert.Equal("1.2+local_1.x", version.ToString());
    }

    [Theory]
    [InlineData("1-2_3", "invalid character(s)")]
    [InlineData("1.0 2", "invalid character(s)")]
    [InlineData("1!", "Missing version before local version separator '+'")]
    [InlineData("1.0+", "empty version component")]
    [InlineData("1.0+1+2", "duplicated local version separator '+'")]
    [InlineData("!1.0", "epoch must be an integer")]
    [InlineData("1!2!3", "duplicated epoch separator '!'")]
    [InlineData(" ", "empty version string")]
    public void ExplainsInvalidVersions(string version, string details)
    {
        var error = Assert.Throws<InvalidVersionSpecException>(() => VersionOrder.Parse(version));

        Assert.Equal(details, error.Details);
        Assert.Equal(version, error.InvalidSpec);
        Assert.Equal($"Invalid version '{version}': {details}", error.Message);
    }

    [Fact]
    public void HandlesNull()
    {
        VersionOrder version = VersionOrder.Parse("1.0");
        VersionOrder? none = null;

        Assert.False(VersionOrder.TryParse(null, out _));
        Assert.Throws<ArgumentNullException>(() => VersionOrder.Parse(null!));
        Assert.Equal(1, version.CompareTo(null));
        Assert.True(none < version);
        Assert.True(version > none);
        Assert.False(version == none);
        Assert.False(version.Equals(null));
        Assert.Throws<ArgumentException>(() => version.CompareTo("1.0"));
    }

    [Theory]
    [InlineData("1.11.0", "1.10", true)]
    [InlineData("1.10", "1.10", true)]
    [InlineData("2.0", "1.10", false)]
    [InlineData("1.9", "1.10", false)]
    [InlineData("3.3.3", "3.3.2", true)]
    [InlineData("3.4.0", "3.3.2", false)]
    public void ChecksCompatibleReleases(string version, string release, bool expected)
    {
        Assert.Equal(expected, VersionOrder.Parse(version).IsCompatibleWith(VersionOrder.Parse(release)));
    }

    [Fact]
    public void CompatibleReleaseNeedsTwoSegments()
    {
        Assert.Throws<InvalidVersionSpecException>(() => VersionOrder.Parse("2").IsCompatibleWith(VersionOrder.Parse("1")));
    }

    [Fact]
    public void SortsManyVersionsConsistently()
    {
        var random = new Random(7);
        string[] pieces = ["0", "1", "2", "10", "a", "b", "rc", "dev", "post", "_"];
        var versions = new List<VersionOrder>();
        for (int i = 0; i < 3000; i++)
        {
            int segments = random.Next(1, 5);
            string text = string.Join('.', Enumerable.Range(0, segments).Select(_ => random.Next(0, 30).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (random.Next(3) == 0)
            {
                text += pieces[random.Next(pieces.Length)];
            }

            versions.Add(VersionOrder.Parse(text));
        }

        versions.Sort();

        for (int i = 1; i < versions.Count; i++)
        {
            Assert.True(versions[i - 1] <= versions[i]);
            Assert.True(versions[i - 1] != versions[i] || versions[i - 1].GetHashCode() == versions[i].GetHashCode());
        }
    }
}
