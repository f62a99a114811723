using System.Text.Json.Nodes;
using Quetz.Conda.Repodata;

namespace Quetz.Conda.Tests.Repodata;

public class ChanneldataEntryTests
{
    [Fact]
    public void FromPackageMapsIndexAboutAndRunExportsAsQuetz()
    {
        JsonObject index = Index("xtensor", "0.24.0", "linux-64", 1650000000123);
        var about = new JsonObject
        {
            ["home"] = "https://github.com/xtensor-stack/xtensor",
            ["license"] = "BSD-3-Clause",
            ["summary"] = "The C++ tensor algebra library",
            ["dev_url"] = "https://github.com/xtensor-stack/xtensor",
            ["keywords"] = new JsonArray(),
            ["tags"] = new JsonArray("c++"),
            ["extra"] = new JsonObject { ["recipe-maintainers"] = new JsonArray("someone") },
        };
        var runExports = new JsonObject { ["weak"] = new JsonArray("xtensor >=0.24.0,<0.25.0a0") };

        JsonObject entry = ChanneldataEntry.FromPackage(index, about, runExports, null, []);

        Assert.Equal(
            "{\"activate.d\":false,\"binary_prefix\":false,\"deactivate.d\":false,\"description\":null,\"dev_url\":\"https://github.com/xtensor-stack/xtensor\"," +
            "\"doc_source_url\":null,\"doc_url\":null,\"home\":\"https://github.com/xtensor-stack/xtensor\",\"icon_hash\":null,\"icon_url\":null,\"identifiers\":null," +
            "\"keywords\":null,\"license\":\"BSD-3-Clause\",\"packagename\":\"xtensor\",\"post_link\":false,\"pre_link\":false,\"pre_unlink\":false,\"recipe_origin\":null," +
            "\"run_exports\":{\"0.24.0\":{\"weak\":[\"xtensor >=0.24.0,<0.25.0a0\"]}},\"source_git_url\":null,\"source_url\":null,\"subdirs\":[\"linux-64\"]," +
            "\"summary\":\"The C++ tensor algebra library\",\"tags\":[\"c++\"],\"text_prefix\":false,\"timestamp\":1650000000,\"version\":\"0.24.0\"}",
            entry.ToCompactJson());
    }

    [Fact]
    public void FromPackageWithoutRunExportsHasAnEmptyMap()
    {
        JsonObject entry = ChanneldataEntry.FromPackage(Index("a", "1", "noarch", 1650000000), null, new JsonObject(), null, []);

        Assert.Equal("{}", entry["run_exports"]!.ToCompactJson());
        Assert.Equal(1650000000, entry["timestamp"]!.GetValue<long>());
    }

    [Fact]
    public void FromPackageTakesNowWhenTheTimestampIsMissingAndDerivesOldSubdirs()
    {
        var index = new JsonObject { ["name"] = "old", ["version"] = "1.0", ["arch"] = "x86_64", ["platform"] = "osx" };
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));

        JsonObject entry = ChanneldataEntry.FromPackage(index, null, null, null, [], clock);

        Assert.Equal(1_700_000_000, entry["timestamp"]!.GetValue<long>());
        Assert.Equal("[\"osx-64\"]", entry["subdirs"]!.ToCompactJson());
    }

    [Fact]
    public void FromPackageSetsFlagsFromPathsJson()
    {
        var paths = new JsonObject
        {
            ["paths"] = new JsonArray(
                new JsonObject { ["_path"] = "bin/tool", ["file_mode"] = "binary", ["prefix_placeholder"] = "/opt/anaconda1anaconda2anaconda3" },
                new JsonObject { ["_path"] = "etc/conda/activate.d/tool.sh" },
                new JsonObject { ["_path"] = "bin/.tool-post-link.sh" },
                new JsonObject { ["_path"] = "lib/text.cfg", ["file_mode"] = "text" }),
        };

        JsonObject entry = ChanneldataEntry.FromPackage(Index("tool", "1", "linux-64", 1), null, null, paths, ["ignored/.x-pre-link.sh"]);

        Assert.True(entry["binary_prefix"]!.GetValue<bool>());
        Assert.False(entry["text_prefix"]!.GetValue<bool>(), "no prefix_placeholder, no text_prefix (conda-index's rule)");
        Assert.True(entry["activate.d"]!.GetValue<bool>());
        Assert.False(entry["deactivate.d"]!.GetValue<bool>());
        Assert.True(entry["post_link"]!.GetValue<bool>());
        Assert.False(entry["pre_link"]!.GetValue<bool>(), "info/files is only read without paths.json");
    }

    [Fact]
    public void FromPackageFallsBackToInfoFilesForScriptFlags()
    {
        JsonObject entry = ChanneldataEntry.FromPackage(
            Index("tool", "1", "win-64", 1), null, null, null, ["etc/conda/deactivate.d/x.bat\n", "Scripts/.tool-pre-unlink.bat", "Scripts/tool-pre-link.bat"]);

        Assert.True(entry["deactivate.d"]!.GetValue<bool>());
        Assert.True(entry["pre_unlink"]!.GetValue<bool>());
        Assert.False(entry["pre_link"]!.GetValue<bool>(), "link scripts are hidden files");
    }

    [Fact]
    public void FirstUploadIsStoredAsIs()
    {
        JsonObject incoming = Entry("1.0", 100, "linux-64", runExports: "a 1.0");

        JsonObject merged = ChanneldataEntry.Merge(null, incoming);

        Assert.Equal(incoming.ToCompactJson(), merged.ToCompactJson());
        Assert.NotSame(incoming, merged);
    }

    [Fact]
    public void FirstUploadWithQuetzStyleRunExportsIsKeyedByVersion()
    {
        JsonObject incoming = Entry("1.0", 100, "linux-64");
        incoming["run_exports"] = new JsonObject { ["weak"] = new JsonArray("a >=1.0") };

        JsonObject merged = ChanneldataEntry.Merge(null, incoming);

        Assert.Equal("{\"1.0\":{\"weak\":[\"a >=1.0\"]}}", merged["run_exports"]!.ToCompactJson());
    }

    [Fact]
    public void NewerUploadWinsOptionalFields()
    {
        JsonObject existing = Entry("1.0", 100, "linux-64", summary: "old", home: "https://old", keywords: ["old"]);
        JsonObject incoming = Entry("1.1", 50, "osx-64", summary: "new", home: null, keywords: []);

        JsonObject merged = ChanneldataEntry.Merge(existing, incoming);

        Assert.Equal("1.1", merged["version"]!.GetValue<string>());
        Assert.Equal("new", merged["summary"]!.GetValue<string>());
        Assert.Null(merged["home"]);
        Assert.Equal("[\"old\"]", merged["keywords"]!.ToCompactJson());
        Assert.Equal(100, merged["timestamp"]!.GetValue<long>());
        Assert.Equal("[\"linux-64\",\"osx-64\"]", merged["subdirs"]!.ToCompactJson());
    }

    [Fact]
    public void OlderUploadKeepsStoredFieldsButFillsGaps()
    {
        JsonObject existing = Entry("2.0", 100, "osx-64", summary: "current", home: null, keywords: null);
        JsonObject incoming = Entry("1.9", 200, "linux-64", summary: "stale", home: "https://home", keywords: ["k"]);

        JsonObject merged = ChanneldataEntry.Merge(existing, incoming);

        Assert.Equal("2.0", merged["version"]!.GetValue<string>());
        Assert.Equal("current", merged["summary"]!.GetValue<string>());
        Assert.Equal("https://home", merged["home"]!.GetValue<string>());
        Assert.Equal("[\"k\"]", merged["keywords"]!.ToCompactJson());
        Assert.Equal(200, merged["timestamp"]!.GetValue<long>());
        Assert.Equal("[\"linux-64\",\"osx-64\"]", merged["subdirs"]!.ToCompactJson());
    }

    [Fact]
    public void SameVersionIsNotNewer()
    {
        JsonObject merged = ChanneldataEntry.Merge(Entry("1.0", 1, "noarch", summary: "first"), Entry("1.0", 2, "noarch", summary: "second"));

        Assert.Equal("first", merged["summary"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("1.10", "1.9", true)]
    [InlineData("1.0", "1.0rc1", true)]
    [InlineData("1!0.1", "2.0", true)]
    [InlineData("1.0.post1", "1.0", true)]
    [InlineData("1.0a1", "1.0", false)]
    public void NewerIsDecidedByVersionOrder(string incomingVersion, string existingVersion, bool incomingWins)
    {
        JsonObject merged = ChanneldataEntry.Merge(
            Entry(existingVersion, 1, "noarch", summary: "existing"),
            Entry(incomingVersion, 1, "noarch", summary: "incoming"));

        Assert.Equal(incomingWins ? "incoming" : "existing", merged["summary"]!.GetValue<string>());
    }

    [Fact]
    public void BinaryFlagsAreOred()
    {
        JsonObject existing = Entry("2.0", 1, "noarch");
        existing["post_link"] = true;
        JsonObject incoming = Entry("1.0", 1, "noarch");
        incoming["binary_prefix"] = true;

        JsonObject merged = ChanneldataEntry.Merge(existing, incoming);

        Assert.True(merged["post_link"]!.GetValue<bool>());
        Assert.True(merged["binary_prefix"]!.GetValue<bool>());
        Assert.False(merged["text_prefix"]!.GetValue<bool>());
    }

    [Fact]
    public void RunExportsAccumulateKeyedByVersion()
    {
        JsonObject merged = ChanneldataEntry.Merge(null, Entry("1.0", 1, "linux-64", runExports: "a 1.0"));
        merged = ChanneldataEntry.Merge(merged, Entry("2.0", 2, "linux-64", runExports: "a 2.0"));
        merged = ChanneldataEntry.Merge(merged, Entry("1.5", 3, "osx-64"));
        merged = ChanneldataEntry.Merge(merged, Entry("2.0", 4, "osx-64", runExports: "a 2.0 osx"));

        Assert.Equal("{\"1.0\":{\"weak\":[\"a 1.0\"]},\"2.0\":{\"weak\":[\"a 2.0 osx\"]}}", merged["run_exports"]!.ToCompactJson());
    }

    [Fact]
    public void QuetzStoredUnkeyedRunExportsAreKeyedByTheStoredVersion()
    {
        JsonObject existing = Entry("1.0", 1, "linux-64");
        existing["run_exports"] = new JsonObject { ["strong"] = new JsonArray("a 1.0") };

        JsonObject merged = ChanneldataEntry.Merge(existing, Entry("2.0", 2, "linux-64", runExports: "a 2.0"));

        Assert.Equal("{\"1.0\":{\"strong\":[\"a 1.0\"]},\"2.0\":{\"weak\":[\"a 2.0\"]}}", merged["run_exports"]!.ToCompactJson());
    }

    [Fact]
    public void TimestampIsTheMaximumInSeconds()
    {
        JsonObject merged = ChanneldataEntry.Merge(Entry("1.0", 1_650_000_000, "noarch"), Entry("0.9", 1_660_000_000_999, "noarch"));

        Assert.Equal(1_660_000_000, merged["timestamp"]!.GetValue<long>());
    }

    [Fact]
    public void MergeDoesNotChangeItsArguments()
    {
        JsonObject existing = Entry("1.0", 1, "linux-64", runExports: "a");
        JsonObject incoming = Entry("2.0", 2, "osx-64", runExports: "b");
        string before = existing.ToCompactJson() + incoming.ToCompactJson();

        _ = ChanneldataEntry.Merge(existing, incoming);

        Assert.Equal(before, existing.ToCompactJson() + incoming.ToCompactJson());
    }

    [Fact]
    public void MergedKeysAreSorted()
    {
        JsonObject merged = ChanneldataEntry.Merge(Entry("1.0", 1, "noarch"), Entry("2.0", 2, "noarch"));

        string[] keys = [.. merged.Select(p => p.Key)];
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
    }

    internal static JsonObject Index(string name, string version, string subdir, long timestamp) => new()
    {
        ["name"] = name,
        ["version"] = version,
        ["build"] = "0",
        ["build_number"] = 0,
        ["subdir"] = subdir,
        ["timestamp"] = timestamp,
    };

    internal static JsonObject Entry(
        string version,
        long timestamp,
        string subdir,
        string? runExports = null,
        string? summary = "summary",
        string? home = "https://home",
        string[]? keywords = null)
    {
        var about = new JsonObject { ["summary"] = summary, ["home"] = home };
        if (keywords is not null)
        {
            about["keywords"] = new JsonArray([.. keywords.Select(k => (JsonNode)JsonValue.Create(k))]);
        }

        JsonObject? exports = runExports is null ? null : new JsonObject { ["weak"] = new JsonArray(runExports) };
        return ChanneldataEntry.FromPackage(Index("pkg", version, subdir, timestamp), about, exports, null, []);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
