using System.Text.Json;

namespace Quetz.Conda.Tests;

/// <summary>conda's version spec vectors (Data/conda-version-spec.json).</summary>
public class VersionSpecVectorTests
{
    private const string File = TestData.VersionSpecFile;

    public static TheoryData<string, bool> MatchAgainst171
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (JsonElement row in TestData.Rows(File, "matchAgainst1_7_1"))
            {
                data.Add(row[0].GetString()!, row[1].GetBoolean());
            }

            return data;
        }
    }

    public static TheoryData<string, string, bool> VerEval => Triples("verEval");

    public static TheoryData<string, string, bool> Matches => Triples("matches");

    public static TheoryData<string, string> Canonical => TestData.PairData(File, "canonical");

    public static TheoryData<string, string> EqualSpecs => TestData.PairData(File, "equal");

    public static TheoryData<string, string> UnequalSpecs => TestData.PairData(File, "notEqual");

    public static TheoryData<string> InvalidSpecs => TestData.StringData(File, "invalid");

    public static TheoryData<string, bool> Exactness
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (JsonElement row in TestData.Rows(File, "isExact"))
            {
                data.Add(row[0].GetString()!, row[1].GetBoolean());
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(MatchAgainst171))]
    public void MatchesVersion171(string spec, bool expected)
    {
        VersionSpec parsed = VersionSpec.Parse(spec);

        Assert.Equal(spec, parsed.ToString());
        Assert.Equal(expected, parsed.Matches("1.7.1"));
        Assert.Equal(expected, parsed.Matches(VersionOrder.Parse("1.7.1")));
    }

    [Theory]
    [MemberData(nameof(VerEval))]
    [MemberData(nameof(Matches))]
    public void MatchesVersion(string spec, string version, bool expected)
    {
        Assert.Equal(expected, VersionSpec.Parse(spec).Matches(version));
    }

    [Theory]
    [MemberData(nameof(Canonical))]
    public void PrintsCanonicalForm(string spec, string expected)
    {
        Assert.Equal(expected, VersionSpec.Parse(spec).Spec);
    }

    [Theory]
    [MemberData(nameof(EqualSpecs))]
    public void EqualSpecsAreEqual(string left, string right)
    {
        VersionSpec a = VersionSpec.Parse(left);
        VersionSpec b = VersionSpec.Parse(right);

        Assert.True(a == b);
        Assert.False(a != b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Theory]
    [MemberData(nameof(UnequalSpecs))]
    public void UnequalSpecsDiffer(string left, string right)
    {
        VersionSpec a = VersionSpec.Parse(left);
        VersionSpec b = VersionSpec.Parse(right);

        Assert.True(a != b);
        Assert.NotEqual(a.GetHashCode(), b.GetHashCode());
    }

    [Theory]
    [MemberData(nameof(Exactness))]
    public void KnowsExactSpecs(string spec, bool expected)
    {
        Assert.Equal(expected, VersionSpec.Parse(spec).IsExact);
    }

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public void RejectsInvalidSpecs(string spec)
    {
        var error = Assert.Throws<InvalidVersionSpecException>(() => VersionSpec.Parse(spec).Matches("3.0.0"));
        Assert.StartsWith("Invalid version '", error.Message, StringComparison.Ordinal);
        Assert.False(VersionSpec.TryParse(spec, out _));
    }

    private static TheoryData<string, string, bool> Triples(string key)
    {
        var data = new TheoryData<string, string, bool>();
        foreach (JsonElement row in TestData.Rows(File, key))
        {
            data.Add(row[0].GetString()!, row[1].GetString()!, row[2].GetBoolean());
        }

        return data;
    }
}
