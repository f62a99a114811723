using System.Text;
using System.Text.Json.Nodes;
using Quetz.Conda.Repodata;

namespace Quetz.Conda.Tests.Repodata;

public class CurrentRepodataTests
{
    // conda-index tests/index_data/time_cut/repodata.json, the fixture of its
    // test_current_index_reduces_space (records trimmed to the fields that matter).
    private static RepodataDocument TimeCut()
    {
        var document = new RepodataDocument("linux-64");
        void Add(string name, string version, long timestamp, string extension, params string[] depends)
        {
            var record = RepodataRecord.FromJson(new JsonObject
            {
                ["build"] = "h7b6447c_3",
                ["build_number"] = 3,
                ["depends"] = new JsonArray([.. depends.Select(d => (JsonNode)JsonValue.Create(d))]),
                ["license"] = "zlib",
                ["md5"] = "2e5b81671cc2b53177b94b258b1658b2",
                ["name"] = name,
                ["size"] = 122456,
                ["subdir"] = "linux-64",
                ["timestamp"] = timestamp,
                ["version"] = version,
            });
            document.Add($"{name}-{version}-h7b6447c_3{extension}", record);
        }

        Add("one-gets-filtered", "1.2.11", 1542814864621, ".tar.bz2");
        Add("one-gets-filtered", "1.2.10", 1542814864100, ".tar.bz2");
        Add("one-gets-filtered", "1.3.10", 1542814864100, ".tar.bz2");
        Add("two-because-satisfiability", "1.2.11", 1542814864621, ".tar.bz2");
        Add("two-because-satisfiability", "1.2.10", 1542814864100, ".tar.bz2");
        Add("depends-on-older", "1.2.10", 1542814864100, ".tar.bz2", "two-because-satisfiability <1.2.11");
        Add("ancient-package", "1.2.10", 1451623400000, ".tar.bz2", "two-because-satisfiability <1.2.11");
        Add("one-gets-filtered", "1.2.11", 1542814864621, ".conda");
        Add("one-gets-filtered", "1.2.10", 1542814864100, ".conda");
        Add("one-gets-filtered", "1.3.10", 1542814864100, ".conda");
        return document;
    }

    [Fact]
    public void CondaIndexTimeCutKeepsNewestAndWhatTheirDependenciesNeed()
    {
        RepodataDocument full = TimeCut();
        Assert.Equal(7, full.Packages.Count);
        Assert.Equal(3, full.CondaPackages.Count);

        RepodataDocument current = CurrentRepodata.Build(full);

        // .conda files replace .tar.bz2 twins; older packages needed for satisfiability remain.
        Assert.Equal(
            new[]
            {
                "ancient-package-1.2.10-h7b6447c_3.tar.bz2",
                "depends-on-older-1.2.10-h7b6447c_3.tar.bz2",
                "two-because-satisfiability-1.2.10-h7b6447c_3.tar.bz2",
                "two-because-satisfiability-1.2.11-h7b6447c_3.tar.bz2",
            },
            current.Packages.Keys);
        Assert.Equal(["one-gets-filtered-1.3.10-h7b6447c_3.conda"], current.CondaPackages.Keys);
    }

    [Fact]
    public void CondaIndexTimeCutWithPinsKeepsEachPinnedSeries()
    {
        var pins = new Dictionary<string, IReadOnlyList<string>> { ["one-gets-filtered"] = ["1.2", "1.3"] };

        RepodataDocument current = CurrentRepodata.Build(TimeCut(), pins);

        Assert.Equal(
            ["one-gets-filtered-1.2.11-h7b6447c_3.conda", "one-gets-filtered-1.3.10-h7b6447c_3.conda"],
            current.CondaPackages.Keys);
    }

    // conda-index test_current_index_version_keys_keep_older_packages (tests/index_data/packages/osx-64).
    [Fact]
    public void VersionPinsKeepOlderPackages()
    {
        var full = new RepodataDocument("osx-64");
        full.Add("dummy-package-1.0-0.tar.bz2", Record("dummy-package", "1.0", "0", 0, 1557771554052, "python 2.7.*"));
        full.Add("dummy-package-2.0-0.tar.bz2", Record("dummy-package", "2.0", "0", 0, 1557771563320, "python 2.7.*"));

        RepodataDocument newestOnly = CurrentRepodata.Build(full);
        RepodataDocument bothPinned = CurrentRepodata.Build(full, new Dictionary<string, IReadOnlyList<string>> { ["dummy-package"] = ["1.0", "2.0"] });
        RepodataDocument onePinned = CurrentRepodata.Build(full, new Dictionary<string, IReadOnlyList<string>> { ["dummy-package"] = ["1.0"] });

        Assert.Equal("2.0", Assert.Single(newestOnly.Packages).Value.Version);
        Assert.Equal(2, bothPinned.Packages.Count);
        Assert.Equal("1.0", onePinned.Packages.Values.First().Version);
        Assert.Equal(2, onePinned.Packages.Count);
    }

    // conda-index test_track_features: a package with features keeps the newest older version without.
    [Fact]
    public void FeaturedPackagesKeepAPreviousVersionWithoutFeatures()
    {
        var full = new RepodataDocument("noarch");
        RepodataRecord featured = Record("features", "1.0", "h39de5ba_0", 0, 1561127261940);
        featured.Json["track_features"] = new JsonArray("jim");
        featured.Json["features"] = new JsonArray("jim");
        full.Add("features-1.0.conda", featured);
        full.Add("features-0.9.conda", Record("features", "0.9", "h39de5ba_0", 0, 1561127261940));
        full.Add("features-0.8.conda", Record("features", "0.8", "h39de5ba_0", 0, 1561127261940));

        RepodataDocument current = CurrentRepodata.Build(full);

        Assert.Equal(["features-0.9.conda", "features-1.0.conda"], current.CondaPackages.Keys);
    }

    [Fact]
    public void KeepsEveryBuildOfTheNewestVersion()
    {
        var full = new RepodataDocument("linux-64");
        full.Add("numpy-2.0.0-py312_0.conda", Record("numpy", "2.0.0", "py312_0", 0, 1));
        full.Add("numpy-2.0.0-py312_1.conda", Record("numpy", "2.0.0", "py312_1", 1, 2));
        full.Add("numpy-2.0.0-py311_1.conda", Record("numpy", "2.0.0", "py311_1", 1, 2));
        full.Add("numpy-1.26.4-py312_0.conda", Record("numpy", "1.26.4", "py312_0", 0, 3));

        RepodataDocument current = CurrentRepodata.Build(full);

        Assert.Equal(["numpy-2.0.0-py311_1.conda", "numpy-2.0.0-py312_0.conda", "numpy-2.0.0-py312_1.conda"], current.CondaPackages.Keys);
    }

    [Fact]
    public void NewestIsByVersionOrderNotByString()
    {
        var full = new RepodataDocument("noarch");
        full.Add("a-1.9-0.tar.bz2", Record("a", "1.9", "0", 0, 5));
        full.Add("a-1.10-0.tar.bz2", Record("a", "1.10", "0", 0, 1));
        full.Add("a-1.2-0.tar.bz2", Record("a", "1.2", "0", 0, 9));

        RepodataDocument current = CurrentRepodata.Build(full);

        Assert.Equal(["a-1.10-0.tar.bz2"], current.Packages.Keys);
    }

    [Fact]
    public void TheNewestSeriesIsWhatNameEqualsVersionMatchesAsInConda()
    {
        // conda-index keeps MatchSpec("a=1.10"), i.e. 1.10.*, which conda also matches to 1.10rc1 and 1.10.1-less builds.
        var full = new RepodataDocument("noarch");
        full.Add("a-1.10-0.tar.bz2", Record("a", "1.10", "0", 0, 1));
        full.Add("a-1.10rc1-0.tar.bz2", Record("a", "1.10rc1", "0", 0, 9));
        full.Add("a-1.1-0.tar.bz2", Record("a", "1.1", "0", 0, 9));

        RepodataDocument current = CurrentRepodata.Build(full);

        Assert.Equal(["a-1.10-0.tar.bz2", "a-1.10rc1-0.tar.bz2"], current.Packages.Keys);
    }

    [Fact]
    public void MissingDependenciesAddTheNewestSatisfyingVersionWithAllItsBuilds()
    {
        var full = new RepodataDocument("linux-64");
        full.Add("app-1.0-0.conda", Record("app", "1.0", "0", 0, 1, "lib >=1.1,<2", "python"));
        full.Add("lib-2.0-0.conda", Record("lib", "2.0", "0", 0, 1));
        full.Add("lib-1.2-0.conda", Record("lib", "1.2", "0", 0, 1));
        full.Add("lib-1.2-1.conda", Record("lib", "1.2", "1", 1, 1));
        full.Add("lib-1.1-0.conda", Record("lib", "1.1", "0", 0, 1));

        RepodataDocument current = CurrentRepodata.Build(full);

        Assert.Equal(["app-1.0-0.conda", "lib-1.2-0.conda", "lib-1.2-1.conda", "lib-2.0-0.conda"], current.CondaPackages.Keys);
    }

    [Fact]
    public void DependenciesAreFollowedOneLevelAsCondaIndexDoes()
    {
        var full = new RepodataDocument("linux-64");
        full.Add("a-1-0.conda", Record("a", "1", "0", 0, 1, "b <2"));
        full.Add("b-1-0.conda", Record("b", "1", "0", 0, 1, "c <2"));
        full.Add("b-2-0.conda", Record("b", "2", "0", 0, 1));
        full.Add("c-1-0.conda", Record("c", "1", "0", 0, 1));
        full.Add("c-2-0.conda", Record("c", "2", "0", 0, 1));

        RepodataDocument current = CurrentRepodata.Build(full);

        // b 1 is added for a; c 1, needed by b 1 only, is not (conda-index's _add_missing_deps runs once).
        Assert.Equal(["a-1-0.conda", "b-1-0.conda", "b-2-0.conda", "c-2-0.conda"], current.CondaPackages.Keys);
    }

    [Fact]
    public void UnsatisfiableAndUnparsableDependenciesAreIgnored()
    {
        var full = new RepodataDocument("linux-64");
        full.Add("a-1-0.conda", Record("a", "1", "0", 0, 1, "__glibc >=2.17", "missing", "b >=5", "bad spec [[[", "b"));
        full.Add("b-1-0.conda", Record("b", "1", "0", 0, 1));

        RepodataDocument current = CurrentRepodata.Build(full);

        Assert.Equal(["a-1-0.conda", "b-1-0.conda"], current.CondaPackages.Keys);
    }

    [Fact]
    public void CondaRecordsGetLegacyBz2Md5AndTheInputIsUnchanged()
    {
        var full = new RepodataDocument("noarch");
        RepodataRecord twin = Record("a", "1", "0", 0, 1);
        twin.Json["md5"] = "00112233445566778899aabbccddeeff";
        full.Add("a-1-0.tar.bz2", twin);
        full.Add("a-1-0.conda", Record("a", "1", "0", 0, 1));
        full.Add("b-1-0.conda", Record("b", "1", "0", 0, 1));
        full.Add("c-1-0.tar.bz2", Record("c", "1", "0", 0, 1));
        byte[] before = RepodataWriter.Serialize(full);

        RepodataDocument current = CurrentRepodata.Build(full);

        Assert.Equal("00112233445566778899aabbccddeeff", current.CondaPackages["a-1-0.conda"].Json["legacy_bz2_md5"]!.GetValue<string>());
        Assert.True(current.CondaPackages["b-1-0.conda"].Json.ContainsKey("legacy_bz2_md5"));
        Assert.Null(current.CondaPackages["b-1-0.conda"].Json["legacy_bz2_md5"]);
        Assert.Equal(["c-1-0.tar.bz2"], current.Packages.Keys);
        Assert.False(current.Packages["c-1-0.tar.bz2"].Json.ContainsKey("legacy_bz2_md5"));
        Assert.Equal(before, RepodataWriter.Serialize(full));
        Assert.Contains("\"legacy_bz2_md5\":null", Encoding.UTF8.GetString(RepodataWriter.Serialize(current)), StringComparison.Ordinal);
    }

    [Fact]
    public void KeepsTheHeaderOfTheFullRepodata()
    {
        var full = new RepodataDocument("linux-64") { RepodataVersion = 2 };
        full.Info["base_url"] = "https://example/linux-64/";
        full.Removed.Add("gone-1-0.tar.bz2");
        full.Extra["signatures"] = new JsonObject();
        full.Add("a-1-0.tar.bz2", Record("a", "1", "0", 0, 1));

        RepodataDocument current = CurrentRepodata.Build(full);

        Assert.Equal(
            "{\"info\":{\"base_url\":\"https://example/linux-64/\",\"subdir\":\"linux-64\"},\"packages\":{\"a-1-0.tar.bz2\":{\"build\":\"0\",\"build_number\":0,\"depends\":[],\"name\":\"a\",\"subdir\":\"linux-64\",\"timestamp\":1,\"version\":\"1\"}},\"packages.conda\":{},\"removed\":[\"gone-1-0.tar.bz2\"],\"repodata_version\":2,\"signatures\":{}}",
            Encoding.UTF8.GetString(RepodataWriter.Serialize(current)));
    }

    [Fact]
    public void SkipsRecordsFromAFutureRecordVersion()
    {
        var full = new RepodataDocument("noarch");
        RepodataRecord future = Record("a", "2", "0", 0, 1);
        future.Json["record_version"] = 2;
        full.Add("a-2-0.conda", future);
        full.Add("a-1-0.conda", Record("a", "1", "0", 0, 1));

        Assert.Equal(["a-1-0.conda"], CurrentRepodata.Build(full).CondaPackages.Keys);
    }

    [Fact]
    public void EmptyRepodataGivesEmptyCurrentRepodata()
    {
        RepodataDocument current = CurrentRepodata.Build(new RepodataDocument("win-64"));

        Assert.Equal("{\"info\":{\"subdir\":\"win-64\"},\"packages\":{},\"packages.conda\":{},\"removed\":[],\"repodata_version\":1}", Encoding.UTF8.GetString(RepodataWriter.Serialize(current)));
    }

    private static RepodataRecord Record(string name, string version, string build, long buildNumber, long timestamp, params string[] depends) =>
        RepodataRecord.FromJson(new JsonObject
        {
            ["build"] = build,
            ["build_number"] = buildNumber,
            ["depends"] = new JsonArray([.. depends.Select(d => (JsonNode)JsonValue.Create(d))]),
            ["name"] = name,
            ["subdir"] = "linux-64",
            ["timestamp"] = timestamp,
            ["version"] = version,
        });
}
