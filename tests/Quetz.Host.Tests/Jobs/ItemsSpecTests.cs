using Quetz.Host.Jobs;

namespace Quetz.Host.Tests.Jobs;

public sealed class ItemsSpecTests
{
    [Theory]
    [InlineData("*", "anything", "0.1", true)]
    [InlineData("my-package==0.1.1", "my-package", "0.1.1", true)]
    [InlineData("my-package==0.1.1", "my-package", "0.1.10", false)]
    [InlineData("my-package>=0.1.2,<0.2", "my-package", "0.1.10", true)]
    [InlineData("my-package>=0.1.2,<0.2", "my-package", "0.1.1", false)]
    [InlineData("my-package>=0.1.2,<0.2", "my-package", "0.2", false)]
    [InlineData("my-package>=0.1.2,<0.2,other-package==1.1", "other-package", "1.1", true)]
    [InlineData("my-package>=0.1.2,<0.2,other-package==1.1", "other-package", "1.2", false)]
    [InlineData("my-*", "my-tool", "9", true)]
    [InlineData("my-*", "your-tool", "9", false)]
    [InlineData("pkg>1.9", "pkg", "1.10", true)]
    [InlineData("pkg<=1.0", "pkg", "1.0.0", true)]
    public void Items_match_by_name_pattern_and_conda_version_order(string spec, string name, string version, bool expected)
    {
        Assert.True(ItemsSpec.TryParse(spec, out var parsed, out var error), error);
        Assert.Equal(expected, parsed!.Matches(name, version));
    }

    [Fact]
    public void An_empty_spec_matches_nothing()
    {
        Assert.True(ItemsSpec.TryParse("", out var parsed, out _));
        Assert.True(parsed!.IsEmpty);
        Assert.False(parsed.Matches("pkg", "1.0"));
    }

    [Theory]
    [InlineData(">=1.0", "has no package name")]
    [InlineData("pkg>=1..0!!", "invalid version")]
    [InlineData("pkg ~ 1", "invalid items_spec part")]
    public void Bad_specs_are_explained(string spec, string fragment)
    {
        Assert.False(ItemsSpec.TryParse(spec, out _, out var error));
        Assert.Contains(fragment, error, StringComparison.Ordinal);
    }
}
