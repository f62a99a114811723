namespace Quetz.Conda.Tests;

public class MatchSpecTests
{
    private static readonly MatchableRecord Numpy = new("numpy", "1.7.1", "py27_0", 0)
    {
        Channel = "https://conda.anaconda.org/conda-forge/linux-64",
        Subdir = "linux-64",
        Md5 = "0123456789abcdef0123456789abcdef",
    };

    [Fact]
    public void ExposesTheParsedFields()
    {
        MatchSpec spec = MatchSpec.Parse("conda-forge/linux-64::NumPy >=1.7,<2 py27*[build_number='<3', md5=abc]");

        Assert.Equal("numpy", spec.Name);
        Assert.Equal(">=1.7,<2", spec.Version!.Spec);
        Assert.Equal("py27*", spec.Build);
        Assert.Equal("<3", spec.BuildNumber!.Spec);
        Assert.Equal("conda-forge", spec.Channel);
        Assert.Equal("linux-64", spec.Subdir);
        Assert.Equal("abc", spec.Get("md5"));
        Assert.Equal("numpy", spec.Get("name"));
        Assert.Null(spec.Get("sha256"));
        Assert.Null(spec.Get("no_such_field"));
        Assert.Equal("conda-forge/linux-64::numpy[version='>=1.7,<2',build=py27*,build_number=<3,md5=abc]", spec.ToString());
    }

    [Fact]
    public void BareNameHasNoConstraints()
    {
        MatchSpec spec = MatchSpec.Parse("numpy");

        Assert.Null(spec.Version);
        Assert.Null(spec.Build);
        Assert.Null(spec.BuildNumber);
        Assert.Null(spec.Channel);
        Assert.Null(spec.Subdir);
        Assert.True(spec.Matches(Numpy));
    }

    [Theory]
    [InlineData("numpy", true)]
    [InlineData("num*", true)]
    [InlineData("^num.*$", true)]
    [InlineData("NUMPY 1.7.*", true)]
    [InlineData("conda-forge::numpy", true)]
    [InlineData("defaults::numpy", false)]
    [InlineData("*/linux-64::numpy", true)]
    [InlineData("*/osx-64::numpy", false)]
    [InlineData("numpy[channel=conda-*]", true)]
    [InlineData("numpy[md5=0123456789abcdef0123456789abcdef]", true)]
    [InlineData("numpy[sha256=00]", false)]
    [InlineData("numpy[when=__win]", true)]
    [InlineData("numpy *[build_number=0]", true)]
    [InlineData("numpy *[build_number='>0']", false)]
    public void MatchesRecords(string spec, bool expected)
    {
        Assert.Equal(expected, MatchSpec.Parse(spec).Matches(Numpy));
    }

    [Fact]
    public void WrapsVersionErrors()
    {
        var error = Assert.Throws<InvalidMatchSpecException>(() => MatchSpec.Parse("numpy >=1.0&2"));

        Assert.IsType<InvalidVersionSpecException>(error.InnerException);
        Assert.Equal("numpy >=1.0&2", error.InvalidSpec);
        Assert.Equal("Invalid spec 'numpy >=1.0&2': Invalid version '1.0&2': invalid character(s)", error.Message);
    }

    [Fact]
    public void ReportsUnknownFields()
    {
        var error = Assert.Throws<InvalidMatchSpecException>(() => MatchSpec.Parse("numpy[colour=red]"));

        Assert.Equal("Cannot match on field(s): {'colour'}", error.Details);
    }

    [Fact]
    public void ParsesChannelUrlsQuickly()
    {
        MatchSpec spec = MatchSpec.Parse("numpy[channel=https://repo.anaconda.com/free]");

        Assert.Equal("https://repo.anaconda.com/free::numpy", spec.ToString());
    }

    [Fact]
    public void DecodesPercentEncodedPackageUrls()
    {
        // conda's test_url_percent_encoding: "!" may arrive encoded as %21.
        MatchSpec encoded = MatchSpec.Parse("https://anaconda.org/conda-forge%21/linux-64/x264-1%21164.3095-h166bdaf_2.tar.bz2");
        MatchSpec plain = MatchSpec.Parse("https://anaconda.org/conda-forge!/linux-64/x264-1!164.3095-h166bdaf_2.tar.bz2");

        Assert.Equal(plain.Version, encoded.Version);
        Assert.Equal("1!164.3095", encoded.Version!.Spec);
        Assert.Equal(plain.Channel, encoded.Channel);
    }

    [Fact]
    public void HandlesNull()
    {
        Assert.False(MatchSpec.TryParse(null, out _));
        Assert.Throws<ArgumentNullException>(() => MatchSpec.Parse(null!));
        Assert.Throws<ArgumentNullException>(() => MatchSpec.Parse("numpy").Matches(null!));
        Assert.False(MatchSpec.Parse("numpy").Equals(null));
    }

    [Fact]
    public void RecordsWithoutOptionalFieldsDoNotMatchExactValues()
    {
        var bare = new MatchableRecord("numpy", "1.7.1", "py27_0", 0);

        Assert.False(MatchSpec.Parse("conda-forge::numpy").Matches(bare));
        Assert.False(MatchSpec.Parse("numpy[subdir=linux-64]").Matches(bare));
        Assert.True(MatchSpec.Parse("*::numpy").Matches(bare));
        Assert.True(MatchSpec.Parse("numpy[license=*]").Matches(bare));
    }
}
