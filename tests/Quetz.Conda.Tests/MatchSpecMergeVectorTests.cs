using System.Text.Json;

namespace Quetz.Conda.Tests;

/// <summary>conda's MatchSpec.merge vectors (Data/conda-match-spec-merge.json).</summary>
public class MatchSpecMergeVectorTests
{
    private const string File = "conda-match-spec-merge.json";

    public static TheoryData<string, string> Merges => Rows("merge");

    public static TheoryData<string, string> MergedBuilds => Rows("mergedBuild");

    public static TheoryData<string, string, bool> MergedMatches
    {
        get
        {
            var data = new TheoryData<string, string, bool>();
            foreach (JsonElement row in TestData.Rows(File, "mergedMatches"))
            {
                data.Add(row[0].GetRawText(), row[1].GetRawText(), row[2].GetBoolean());
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Merges))]
    public void MergesLikeConda(string specsJson, string expectedJson)
    {
        MatchSpec[] specs = Specs(specsJson);
        using JsonDocument expected = JsonDocument.Parse(expectedJson);

        if (expected.RootElement.ValueKind == JsonValueKind.Null)
        {
            var error = Assert.Throws<ArgumentException>(() => MatchSpec.Merge(specs));
            Assert.StartsWith("Incompatible component merge", error.Message, StringComparison.Ordinal);
        }
        else
        {
            string[] merged = [.. MatchSpec.Merge(specs).Select(s => s.ToString())];
            Assert.Equal(expected.RootElement.EnumerateArray().Select(e => e.GetString()!), merged);
        }
    }

    [Theory]
    [MemberData(nameof(MergedBuilds))]
    public void NarrowsBuildGlobs(string specsJson, string expectedJson)
    {
        MatchSpec merged = Assert.Single(MatchSpec.Merge(Specs(specsJson)));

        Assert.Equal(JsonSerializerString(expectedJson), merged.Build);
    }

    [Theory]
    [MemberData(nameof(MergedMatches))]
    public void MergedSpecsMatchLikeConda(string specsJson, string recordJson, bool expected)
    {
        MatchSpec merged = Assert.Single(MatchSpec.Merge(Specs(specsJson)));
        using JsonDocument record = JsonDocument.Parse(recordJson);

        Assert.Equal(expected, merged.Matches(TestData.Record(record.RootElement)));
    }

    private static TheoryData<string, string> Rows(string key)
    {
        var data = new TheoryData<string, string>();
        foreach (JsonElement row in TestData.Rows(File, key))
        {
            data.Add(row[0].GetRawText(), row[1].GetRawText());
        }

        return data;
    }

    private static MatchSpec[] Specs(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(e => MatchSpec.Parse(e.GetString()!))];
    }

    private static string JsonSerializerString(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.GetString()!;
    }
}
