using System.Text.Json;

namespace Quetz.Conda.Tests;

/// <summary>conda's version ordering vectors (Data/conda-version-order.json).</summary>
public class VersionOrderVectorTests
{
    private const string File = TestData.VersionOrderFile;

    public static TheoryData<string, string> ParsedVersions => TestData.PairData(File, "versionOrder");

    public static TheoryData<string> InvalidVersions => TestData.StringData(File, "invalidVersions");

    public static TheoryData<string, string> EqualVersions => TestData.PairData(File, "equal");

    public static TheoryData<string, string> UnequalVersions => TestData.PairData(File, "notEqual");

    public static TheoryData<string> OrderedLists => ["versionOrder", "openssl", "pep440", "hexrd"];

    public static TheoryData<string, string, bool> StartsWithVectors
    {
        get
        {
            var data = new TheoryData<string, string, bool>();
            foreach (JsonElement row in TestData.Rows(File, "startsWith"))
            {
                data.Add(row[0].GetString()!, row[1].GetString()!, row[2].GetBoolean());
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(ParsedVersions))]
    public void ParsesIntoCondasComponents(string version, string components)
    {
        VersionOrder parsed = VersionOrder.Parse(version);

        Assert.Equal(components, parsed.FormatVersionComponents());
        Assert.Equal(version.ToLowerInvariant().Replace('-', '_'), parsed.ToString());
        Assert.True(VersionOrder.TryParse(version, out VersionOrder? again));
        Assert.Equal(parsed, again);
    }

    [Theory]
    [MemberData(nameof(OrderedLists))]
    public void ListsAreInAscendingOrder(string table)
    {
        string[] versions = ListOf(table);
        VersionOrder[] parsed = [.. versions.Select(VersionOrder.Parse)];

        for (int i = 0; i < parsed.Length; i++)
        {
            for (int j = i + 1; j < parsed.Length; j++)
            {
                Assert.True(parsed[i] <= parsed[j], $"{versions[i]} <= {versions[j]}");
                Assert.False(parsed[i] > parsed[j], $"not {versions[i]} > {versions[j]}");
                Assert.Equal(-parsed[i].CompareTo(parsed[j]), parsed[j].CompareTo(parsed[i]));
                if (parsed[i] == parsed[j])
                {
                    Assert.Equal(parsed[i].GetHashCode(), parsed[j].GetHashCode());
                }
                else
                {
                    Assert.True(parsed[i] < parsed[j], $"{versions[i]} < {versions[j]}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(OrderedLists))]
    public void SortingAShuffledListRestoresIt(string table)
    {
        string[] versions = ListOf(table);
        var random = new Random(20240425);
        for (int round = 0; round < 20; round++)
        {
            VersionOrder[] shuffled = [.. versions.Select(VersionOrder.Parse)];
            random.Shuffle(shuffled);
            Array.Sort(shuffled);

            for (int i = 0; i < versions.Length; i++)
            {
                // Equal versions (0.5_5 and 0.5-5) may swap places; they still compare equal.
                Assert.Equal(VersionOrder.Parse(versions[i]), shuffled[i]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(InvalidVersions))]
    public void RejectsInvalidVersions(string version)
    {
        var error = Assert.Throws<InvalidVersionSpecException>(() => VersionOrder.Parse(version));
        Assert.IsAssignableFrom<ArgumentException>(error);
        Assert.StartsWith($"Invalid version '{version}': ", error.Message, StringComparison.Ordinal);
        Assert.False(VersionOrder.TryParse(version, out _));
    }

    [Theory]
    [MemberData(nameof(EqualVersions))]
    public void EqualVersionsAreEqual(string left, string right)
    {
        VersionOrder a = VersionOrder.Parse(left);
        VersionOrder b = VersionOrder.Parse(right);

        Assert.True(a == b);
        Assert.False(a != b);
        Assert.Equal(0, a.CompareTo(b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Theory]
    [MemberData(nameof(UnequalVersions))]
    public void UnequalVersionsDiffer(string left, string right)
    {
        VersionOrder a = VersionOrder.Parse(left);
        VersionOrder b = VersionOrder.Parse(right);

        Assert.True(a != b);
        Assert.NotEqual(0, a.CompareTo(b));
    }

    [Theory]
    [MemberData(nameof(StartsWithVectors))]
    public void StartsWithFollowsConda(string version, string prefix, bool expected)
    {
        Assert.Equal(expected, VersionOrder.Parse(version).StartsWith(VersionOrder.Parse(prefix)));
    }

    private static string[] ListOf(string table) =>
        table == "versionOrder"
            ? [.. TestData.Rows(File, table).Select(r => r[0].GetString()!)]
            : TestData.Strings(File, table);
}
