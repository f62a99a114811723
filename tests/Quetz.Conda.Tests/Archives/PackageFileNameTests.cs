using Quetz.Conda.Archives;

namespace Quetz.Conda.Tests.Archives;

public class PackageFileNameTests
{
    [Theory]
    [InlineData("test-package-0.1-0.tar.bz2", "test-package", "0.1", "0", PackageFormat.TarBz2)]
    [InlineData("numpy-1.26.4-py312h8753938_0.conda", "numpy", "1.26.4", "py312h8753938_0", PackageFormat.Conda)]
    [InlineData("a-b-c-d-1.0-h0_1.conda", "a-b-c-d", "1.0", "h0_1", PackageFormat.Conda)]
    [InlineData("_libgcc_mutex-0.1-main.tar.bz2", "_libgcc_mutex", "0.1", "main", PackageFormat.TarBz2)]
    public void Splits_at_the_last_two_dashes(string fileName, string name, string version, string build, PackageFormat format)
    {
        Assert.True(PackageFileName.TryParse(fileName, out PackageFileName? parsed));
        Assert.Equal(new PackageFileName(name, version, build, format), parsed);
        Assert.Equal(fileName, parsed.ToString());
        Assert.Equal(fileName[..^parsed.Extension.Length], parsed.BaseName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("test-package-0.1-0.tar.gz")]
    [InlineData("test-package-0.1-0.zip")]
    [InlineData("package-0.1.conda")]
    [InlineData("nodash.tar.bz2")]
    [InlineData("-0.1-0.conda")]
    [InlineData("pkg--0.conda")]
    [InlineData("pkg-0.1-.conda")]
    [InlineData("linux-64/pkg-0.1-0.conda")]
    [InlineData("..\\pkg-0.1-0.conda")]
    [InlineData(".conda")]
    public void Refuses_names_that_are_no_package_file_names(string fileName)
    {
        Assert.False(PackageFileName.TryParse(fileName, out PackageFileName? parsed));
        Assert.Null(parsed);
    }

    [Fact]
    public void Extension_follows_the_format()
    {
        Assert.Equal(".tar.bz2", new PackageFileName("a", "1", "0", PackageFormat.TarBz2).Extension);
        Assert.Equal(".conda", new PackageFileName("a", "1", "0", PackageFormat.Conda).Extension);
    }
}
