namespace Quetz.Conda.Tests;

/// <summary>
/// Specs can come from clients: long or deeply nested input must be handled in linear time and
/// without exhausting the stack. (A quadratic parser would make these tests take minutes.)
/// </summary>
public class HostileInputTests
{
    private const int Length = 200_000;

    public static TheoryData<string> LongMatchSpecs =>
    [
        "pkg " + new string('a', Length) + " " + new string(' ', Length) + ">",
        "pkg " + string.Concat(Enumerable.Repeat("a ", Length / 2)) + "<",
        "pkg[" + string.Concat(Enumerable.Repeat("k=", Length / 2)) + "]",
        "pkg[" + string.Concat(Enumerable.Repeat("k='a ", Length / 5)) + "]",
        "pkg " + string.Concat(Enumerable.Repeat("=a", Length / 2)),
        new string('a', Length) + "!",
        string.Concat(Enumerable.Repeat("a.", Length / 2)) + ".",
    ];

    public static TheoryData<string> LongVersionSpecs =>
    [
        "(" + new string('^', Length) + ")",
        new string('(', Length) + "1" + new string(')', Length),
        string.Concat(Enumerable.Repeat("1|", Length / 2)) + "1",
    ];

    [Theory]
    [MemberData(nameof(LongMatchSpecs))]
    public void LongMatchSpecsFailOrParseQuickly(string spec)
    {
        _ = MatchSpec.TryParse(spec, out _);
        _ = MatchSpec.TryParse(spec, MatchSpecSyntax.Extended, out _);
    }

    [Theory]
    [MemberData(nameof(LongVersionSpecs))]
    public void LongVersionSpecsFailOrParseQuickly(string spec)
    {
        _ = VersionSpec.TryParse(spec, out _);
    }

    [Fact]
    public void DeeplyNestedGroupsAreRejected()
    {
        string deep = string.Concat(Enumerable.Repeat("(1|(1,", 50_000)) + "1" + new string(')', 100_000);

        var error = Assert.Throws<InvalidVersionSpecException>(() => VersionSpec.Parse(deep));
        Assert.Contains("nests deeper", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModeratelyNestedGroupsAreFine()
    {
        string nested = string.Concat(Enumerable.Repeat("(1|(2,", 10)) + "3" + new string(')', 20);

        Assert.True(VersionSpec.Parse(nested).Matches("1"));
    }

    [Fact]
    public void NestedConditionsDoNotRecurse()
    {
        string spec = "a[when='b']";
        for (int i = 0; i < 2000; i++)
        {
            spec = $"a[when='{spec}']";
        }

        Assert.Throws<InvalidMatchSpecException>(() => MatchSpec.Parse(spec, MatchSpecSyntax.Extended));
    }
}
