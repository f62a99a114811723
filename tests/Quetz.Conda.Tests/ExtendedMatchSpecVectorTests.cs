using System.Text.Json;

namespace Quetz.Conda.Tests;

/// <summary>conda's extended (repodata v3) grammar vectors (Data/conda-match-spec-extended.json).</summary>
public class ExtendedMatchSpecVectorTests
{
    private const string File = "conda-match-spec-extended.json";
    private const MatchSpecSyntax Extended = MatchSpecSyntax.Extended;

    public static TheoryData<string, string> Canonical => TestData.PairData(File, "canonical");

    public static TheoryData<string, string, string> Fields
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (JsonElement row in TestData.Rows(File, "fields"))
            {
                data.Add(row[0].GetString()!, row[1].GetString()!, row[2].GetRawText());
            }

            return data;
        }
    }

    public static TheoryData<string> WhenSpecs => TestData.StringData(File, "whenSpecs");

    public static TheoryData<string> RoundTrips => TestData.StringData(File, "roundTrips");

    public static TheoryData<string, string?> InvalidSpecs
    {
        get
        {
            var data = new TheoryData<string, string?>();
            foreach (JsonElement row in TestData.Rows(File, "invalid"))
            {
                data.Add(row[0].GetString()!, row[1].GetString());
            }

            return data;
        }
    }

    public static TheoryData<string, string, bool> RecordMatches
    {
        get
        {
            var data = new TheoryData<string, string, bool>();
            foreach (JsonElement row in TestData.Rows(File, "matches"))
            {
                data.Add(row[0].GetString()!, row[1].GetRawText(), row[2].GetBoolean());
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Canonical))]
    public void PrintsCanonicalForm(string spec, string expected)
    {
        Assert.Equal(expected, MatchSpec.Parse(spec, Extended).ToString());
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void ReadsFields(string spec, string field, string expectedJson)
    {
        MatchSpec parsed = MatchSpec.Parse(spec, Extended);
        using JsonDocument expected = JsonDocument.Parse(expectedJson);

        switch (expected.RootElement.ValueKind)
        {
            case JsonValueKind.Null:
                Assert.Null(parsed.Get(field));
                break;
            case JsonValueKind.Array:
                Assert.Equal(expected.RootElement.EnumerateArray().Select(e => e.GetString()!), parsed.GetList(field));
                break;
            default:
                Assert.Equal(expected.RootElement.GetString(), parsed.Get(field));
                break;
        }
    }

    [Theory]
    [MemberData(nameof(WhenSpecs))]
    public void ConditionsAreMatchSpecs(string when)
    {
        MatchSpec outer = MatchSpec.Parse($"tomli[when={when}]", Extended);

        Assert.Equal(
            MatchSpec.Parse(when.Trim('\''), Extended).ToString(),
            MatchSpec.Parse(outer.Get("when")!, Extended).ToString());
    }

    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void CanonicalFormRoundTrips(string spec)
    {
        MatchSpec parsed = MatchSpec.Parse(spec, Extended);

        Assert.Equal(parsed, MatchSpec.Parse(parsed.ToString(), Extended));
    }

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public void RejectsInvalidSpecs(string spec, string? messagePart)
    {
        var error = Assert.Throws<InvalidMatchSpecException>(() => MatchSpec.Parse(spec, Extended));
        if (messagePart is not null)
        {
            Assert.Contains(messagePart, error.Message, StringComparison.Ordinal);
        }

        Assert.False(MatchSpec.TryParse(spec, Extended, out _));
    }

    [Theory]
    [MemberData(nameof(RecordMatches))]
    public void MatchesRecords(string spec, string recordJson, bool expected)
    {
        using JsonDocument record = JsonDocument.Parse(recordJson);

        Assert.Equal(expected, MatchSpec.Parse(spec, Extended).Matches(TestData.Record(record.RootElement)));
    }

    [Theory]
    [InlineData("numpy[version='=1.7',build=py27_0]", "numpy==1.7=py27_0", "numpy=1.7[build=py27_0]")]
    [InlineData("numpy >=1.7[channel=conda-forge]", "conda-forge::numpy[version='>=1.7']", "conda-forge::numpy[version='>=1.7']")]
    public void DiffersFromTheClassicGrammarOnlyWhereCondaDoes(string spec, string extended, string classic)
    {
        Assert.Equal(extended, MatchSpec.Parse(spec, Extended).ToString());
        Assert.Equal(classic, MatchSpec.Parse(spec).ToString());
    }
}
