using System.Text.Json;

namespace Quetz.Conda.Tests;

/// <summary>conda's match spec vectors (Data/conda-match-spec.json).</summary>
public class MatchSpecVectorTests
{
    private const string File = TestData.MatchSpecFile;

    public static TheoryData<string, string> Canonical => TestData.PairData(File, "canonical");

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

    public static TheoryData<string, string> ParsedFields
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (JsonElement row in TestData.Rows(File, "parsed"))
            {
                data.Add(row[0].GetString()!, row[1].GetRawText());
            }

            return data;
        }
    }

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

    public static TheoryData<string> ValidNames => TestData.StringData(File, "validNames");

    public static TheoryData<string> Corpus => TestData.StringData(File, "corpus");

    public static TheoryData<string, string> VersionWithParentheses => TestData.PairData(File, "versionWithParentheses");

    public static TheoryData<string, string, string?> NameAndVersion => NullableTriples("nameAndVersion");

    public static TheoryData<string, string, string?> ExactValues => NullableTriples("exactValues");

    public static TheoryData<string, string> EqualSpecs => TestData.PairData(File, "equal");

    public static TheoryData<string, string> UnequalSpecs => TestData.PairData(File, "notEqual");

    public static TheoryData<string, string, bool> ChannelMatching
    {
        get
        {
            var data = new TheoryData<string, string, bool>();
            foreach (JsonElement row in TestData.Rows(File, "channelMatching"))
            {
                data.Add(row[0].GetString()!, row[1].GetString()!, row[2].GetBoolean());
            }

            return data;
        }
    }

    public static TheoryData<string, int> Strictness
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (JsonElement row in TestData.Rows(File, "strictness"))
            {
                data.Add(row[0].GetString()!, row[1].GetInt32());
            }

            return data;
        }
    }

    public static TheoryData<string, string> CondaBuildForm => TestData.PairData(File, "condaBuildForm");

    public static TheoryData<string, string> CondaEnvForm => TestData.PairData(File, "condaEnvForm");

    [Theory]
    [MemberData(nameof(Canonical))]
    public void PrintsCanonicalForm(string spec, string expected)
    {
        Assert.Equal(expected, MatchSpec.Parse(spec).ToString());
    }

    [Theory]
    [MemberData(nameof(Canonical))]
    public void CanonicalFormIsStable(string spec, string expected)
    {
        // Only the string is stable: like conda, the canonical form leaves out a "*" version or
        // channel and a url or fn implied by the channel, so the reparsed spec may hold fewer fields.
        Assert.Equal(MatchSpec.Parse(spec).ToString(), MatchSpec.Parse(expected).ToString());
    }

    [Theory]
    [MemberData(nameof(RecordMatches))]
    public void MatchesRecords(string spec, string recordJson, bool expected)
    {
        using JsonDocument record = JsonDocument.Parse(recordJson);

        Assert.Equal(expected, MatchSpec.Parse(spec).Matches(TestData.Record(record.RootElement)));
    }

    [Theory]
    [MemberData(nameof(ParsedFields))]
    public void SplitsIntoFields(string spec, string fieldsJson)
    {
        var expected = JsonSerializerFields(fieldsJson);
        var actual = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> pair in MatchSpecParser.Parse(spec))
        {
            actual[pair.Key] = pair.Value;
        }

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public void RejectsInvalidSpecs(string spec, string? messagePart)
    {
        var error = Assert.Throws<InvalidMatchSpecException>(() => MatchSpec.Parse(spec));
        Assert.IsAssignableFrom<ArgumentException>(error);
        Assert.StartsWith($"Invalid spec '{spec}': ", error.Message, StringComparison.Ordinal);
        if (messagePart is not null)
        {
            Assert.Contains(messagePart, error.Message, StringComparison.Ordinal);
        }

        Assert.False(MatchSpec.TryParse(spec, out _));
    }

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void AcceptsValidNames(string name)
    {
        Assert.Equal(name, MatchSpec.Parse(name).Name);
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void ParsesEcosystemSpecs(string spec)
    {
        Assert.True(MatchSpec.TryParse(spec, out MatchSpec? parsed));
        Assert.Equal(MatchSpec.Parse(spec), parsed);
        Assert.NotEmpty(parsed.ToString());
    }

    [Theory]
    [MemberData(nameof(VersionWithParentheses))]
    public void KeepsParenthesesInVersions(string spec, string version)
    {
        Assert.Equal(VersionSpec.Parse(version), MatchSpec.Parse(spec).Version);
    }

    [Theory]
    [MemberData(nameof(NameAndVersion))]
    public void ExposesNameAndVersion(string spec, string name, string? version)
    {
        MatchSpec parsed = MatchSpec.Parse(spec);

        Assert.Equal(name, parsed.Name);
        Assert.Equal(version, parsed.Version?.Spec);
    }

    [Theory]
    [MemberData(nameof(ExactValues))]
    public void KnowsExactValues(string spec, string field, string? expected)
    {
        Assert.Equal(expected, MatchSpec.Parse(spec).GetExactValue(field));
    }

    [Theory]
    [MemberData(nameof(EqualSpecs))]
    public void EqualSpecsAreEqual(string left, string right)
    {
        MatchSpec a = MatchSpec.Parse(left);
        MatchSpec b = MatchSpec.Parse(right);

        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Theory]
    [MemberData(nameof(UnequalSpecs))]
    public void UnequalSpecsDiffer(string left, string right)
    {
        Assert.True(MatchSpec.Parse(left) != MatchSpec.Parse(right));
    }

    [Theory]
    [MemberData(nameof(ChannelMatching))]
    public void MatchesChannels(string specChannel, string recordChannel, bool expected)
    {
        Assert.Equal(expected, new ChannelFieldMatcher(specChannel).Matches(recordChannel));
    }

    [Theory]
    [MemberData(nameof(Strictness))]
    public void ComputesStrictness(string spec, int expected)
    {
        Assert.Equal(expected, MatchSpec.Parse(spec).Strictness);
    }

    [Theory]
    [MemberData(nameof(CondaBuildForm))]
    public void PrintsCondaBuildForm(string spec, string expected)
    {
        Assert.Equal(expected, MatchSpec.Parse(spec).ToCondaBuildForm());
    }

    [Theory]
    [MemberData(nameof(CondaEnvForm))]
    public void PrintsCondaEnvForm(string spec, string expected)
    {
        Assert.Equal(expected, MatchSpec.Parse(spec).ToCondaEnvForm());
    }

    private static SortedDictionary<string, string> JsonSerializerFields(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty property in document.RootElement.EnumerateObject())
        {
            fields[property.Name] = property.Value.GetString()!;
        }

        return fields;
    }

    private static TheoryData<string, string, string?> NullableTriples(string key)
    {
        var data = new TheoryData<string, string, string?>();
        foreach (JsonElement row in TestData.Rows(File, key))
        {
            data.Add(row[0].GetString()!, row[1].GetString()!, row[2].GetString());
        }

        return data;
    }
}
