using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Quetz.Conda.Repodata;

namespace Quetz.Conda.Tests.Repodata;

public class RepodataDocumentTests
{
    // A conda-forge-style repodata.json (as anaconda.org serves it: indented, info with arch and
    // platform, records with fields this library does not model, a float, a null, non-ASCII text).
    private const string CondaForgeStyle = """
        {
          "info": {
            "arch": "x86_64",
            "platform": "linux",
            "subdir": "linux-64"
          },
          "packages": {
            "numpy-1.26.4-py312heda63a1_0.tar.bz2": {
              "build": "py312heda63a1_0",
              "build_number": 0,
              "constrains": [
                "numpy-base <0a0"
              ],
              "depends": [
                "libblas >=3.9.0,<4.0a0",
                "libcblas >=3.9.0,<4.0a0",
                "libgcc-ng >=12",
                "liblapack >=3.9.0,<4.0a0",
                "libstdcxx-ng >=12",
                "python >=3.12,<3.13.0a0",
                "python_abi 3.12.* *_cp312"
              ],
              "license": "BSD-3-Clause",
              "license_family": "BSD",
              "md5": "d8285bea2a350f63fab23bf460221f3f",
              "name": "numpy",
              "sha256": "fe3459c75cf84dcef6ef14efcc4adb0ade66038ddd27cadb894f34f4797687d8",
              "size": 7484186,
              "subdir": "linux-64",
              "timestamp": 1707225380409,
              "version": "1.26.4",
              "app_entry": null,
              "weight": 0.5
            }
          },
          "packages.conda": {
            "numpy-1.26.4-py312heda63a1_0.conda": {
              "build": "py312heda63a1_0",
              "build_number": 0,
              "constrains": ["numpy-base <0a0"],
              "depends": ["libgcc-ng >=12", "python >=3.12,<3.13.0a0", "python_abi 3.12.* *_cp312"],
              "license": "BSD-3-Clause",
              "md5": "d8285bea2a350f63fab23bf460221f3f",
              "name": "numpy",
              "sha256": "fe3459c75cf84dcef6ef14efcc4adb0ade66038ddd27cadb894f34f4797687d8",
              "size": 7484186,
              "subdir": "linux-64",
              "summary": "Fundamental package for array computing in Python \u2014 caf\u00e9",
              "timestamp": 1707225380409,
              "track_features": "",
              "version": "1.26.4"
            },
            "_libgcc_mutex-0.1-conda_forge.conda": {
              "build": "conda_forge",
              "build_number": 0,
              "depends": [],
              "license": "None",
              "md5": "d7c89558ba9fa0495403155b64376d81",
              "name": "_libgcc_mutex",
              "sha256": "fe51de6107f9edc7aa4f786a70f4a883943bc9d39b3bb7307c04c41410990726",
              "size": 2562,
              "subdir": "linux-64",
              "timestamp": 1578324546067,
              "version": "0.1"
            }
          },
          "removed": [
            "numpy-1.0-0.tar.bz2"
          ],
          "repodata_version": 1,
          "signatures": {}
        }
        """;

    // What quetz writes (quetz/repo_data.py dumped with indent=2, sort_keys=True): no "removed".
    private const string QuetzStyle = """
        {
          "info": {
            "subdir": "noarch"
          },
          "packages": {
            "test-package-0.1-0.tar.bz2": {
              "arch": null,
              "build": "0",
              "build_number": 0,
              "depends": [],
              "license": "BSD",
              "md5": "ad1ab8c2c4f4a0ea3f1e1e1cb0ccf7c1",
              "name": "test-package",
              "noarch": "generic",
              "platform": null,
              "sha256": "b8e10c3cbbc0ac1f3e0b6b8c5f9c8c1b2b3f7c3d1c2b1a09f8e7d6c5b4a39281",
              "size": 5163,
              "subdir": "noarch",
              "time_modified": 1612345678,
              "timestamp": 1599839787253,
              "version": "0.1"
            }
          },
          "packages.conda": {},
          "repodata_version": 1
        }
        """;

    [Fact]
    public void ParsesCondaForgeStyleRepodata()
    {
        RepodataDocument document = RepodataDocument.Parse(Encoding.UTF8.GetBytes(CondaForgeStyle));

        Assert.Equal("linux-64", document.Subdir);
        Assert.Equal("x86_64", document.Info["arch"]!.GetValue<string>());
        Assert.False(document.Info.ContainsKey("subdir"));
        Assert.Single(document.Packages);
        Assert.Equal(2, document.CondaPackages.Count);
        Assert.Equal(3, document.Count);
        Assert.Equal(["numpy-1.0-0.tar.bz2"], document.Removed);
        Assert.Equal(1, document.RepodataVersion);
        Assert.True(document.Extra.ContainsKey("signatures"));

        // Ordinal: '_' (0x5F) sorts before 'n'.
        Assert.Equal(["_libgcc_mutex-0.1-conda_forge.conda", "numpy-1.26.4-py312heda63a1_0.conda"], document.CondaPackages.Keys);

        RepodataRecord numpy = document.Packages["numpy-1.26.4-py312heda63a1_0.tar.bz2"];
        Assert.Equal("numpy", numpy.Name);
        Assert.Equal("1.26.4", numpy.Version);
        Assert.Equal("py312heda63a1_0", numpy.Build);
        Assert.Equal(0, numpy.BuildNumber);
        Assert.Equal("linux-64", numpy.Subdir);
        Assert.Equal(1707225380409, numpy.Timestamp);
        Assert.Equal(7, numpy.Depends.Count);
        Assert.Equal(["numpy-base <0a0"], numpy.Constrains);
        Assert.Equal(7484186, numpy.Size);
        Assert.True(numpy.Json.ContainsKey("app_entry"));
    }

    [Fact]
    public async Task WritesParsedCondaForgeRepodataInCondaIndexLayoutKeepingUnknownFields()
    {
        RepodataDocument document = RepodataDocument.Parse(Encoding.UTF8.GetBytes(CondaForgeStyle));

        string json = Encoding.UTF8.GetString(await RepodataWriterTests.WriteAsync(document));

        Assert.StartsWith("{\"info\":{\"arch\":\"x86_64\",\"platform\":\"linux\",\"subdir\":\"linux-64\"},\"packages\":{\"numpy-1.26.4-py312heda63a1_0.tar.bz2\":{\"app_entry\":null,\"build\":\"py312heda63a1_0\",", json, StringComparison.Ordinal);
        Assert.Contains("\"version\":\"1.26.4\",\"weight\":0.5}", json, StringComparison.Ordinal);
        Assert.Contains("\"summary\":\"Fundamental package for array computing in Python \\u2014 caf\\u00e9\"", json, StringComparison.Ordinal);
        Assert.Contains("\"packages.conda\":{\"_libgcc_mutex-0.1-conda_forge.conda\":{", json, StringComparison.Ordinal);
        Assert.EndsWith("\"removed\":[\"numpy-1.0-0.tar.bz2\"],\"repodata_version\":1,\"signatures\":{}}", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", json, StringComparison.Ordinal);
        Assert.DoesNotContain(": ", json, StringComparison.Ordinal);

        // The compact form parses back to the same document.
        Assert.Equal(Encoding.UTF8.GetBytes(json), await RepodataWriterTests.WriteAsync(RepodataDocument.Parse(Encoding.UTF8.GetBytes(json))));
    }

    [Fact]
    public async Task ParsesQuetzRepodataWithoutRemoved()
    {
        RepodataDocument document = RepodataDocument.Parse(Encoding.UTF8.GetBytes(QuetzStyle));

        Assert.Equal("noarch", document.Subdir);
        Assert.Empty(document.Removed);
        RepodataRecord record = Assert.Single(document.Packages).Value;
        Assert.Equal(1612345678, record.Json["time_modified"]!.GetValue<long>());

        string json = Encoding.UTF8.GetString(await RepodataWriterTests.WriteAsync(document));
        Assert.Contains("{\"arch\":null,\"build\":\"0\",", json, StringComparison.Ordinal);
        Assert.EndsWith("\"packages.conda\":{},\"removed\":[],\"repodata_version\":1}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ParsesMinimalAndVersion2Repodata()
    {
        RepodataDocument minimal = RepodataDocument.Parse("{\"info\":{\"subdir\":\"win-64\"}}"u8);
        RepodataDocument v2 = RepodataDocument.Parse("{\"info\":{\"base_url\":\"https://x/\",\"subdir\":\"noarch\"},\"packages\":null,\"repodata_version\":2}"u8);

        Assert.Equal("win-64", minimal.Subdir);
        Assert.Equal(0, minimal.Count);
        Assert.Equal(2, v2.RepodataVersion);
        Assert.Equal("https://x/", v2.Info["base_url"]!.GetValue<string>());
    }

    [Fact]
    public void MissingSubdirNeedsADefault()
    {
        byte[] json = "{\"packages\":{}}"u8.ToArray();

        Assert.Throws<JsonException>(() => RepodataDocument.Parse(json));
        Assert.Equal("osx-64", RepodataDocument.Parse(json, "osx-64").Subdir);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"info\":{\"subdir\":\"noarch\"},\"packages\":[]}")]
    [InlineData("{\"info\":{\"subdir\":\"noarch\"},\"packages\":{\"a-1-0.tar.bz2\":[]}}")]
    [InlineData("{\"info\":{\"subdir\":\"noarch\"},\"removed\":[1]}")]
    [InlineData("{\"info\":{\"subdir\":\"noarch\"},\"repodata_version\":\"1\"}")]
    [InlineData("{\"info\":{\"subdir\":\"noarch\"},\"packages\":{")]
    [InlineData("{\"info\":\"noarch\"}")]
    [InlineData("{\"info\":{\"subdir\":\"noarch\"}} {}")]
    public void RejectsMalformedRepodata(string json)
    {
        Assert.ThrowsAny<JsonException>(() => RepodataDocument.Parse(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public async Task RepeatedKeysKeepTheLastValueAsPythonDoes()
    {
        RepodataDocument document = RepodataDocument.Parse("""
            {"info":{"subdir":"noarch"},
             "packages":{"old-1-0.tar.bz2":{"name":"old"}},
             "packages":{"a-1-0.tar.bz2":{"name":"a","name":"b","depends":[],"nested":{"k":1,"k":2}},"a-1-0.tar.bz2":{"name":"c","x":{"y":1,"y":[2]}}},
             "x":1,"x":2}
            """u8);

        Assert.Equal(["a-1-0.tar.bz2"], document.Packages.Keys);
        Assert.Equal("c", document.Packages["a-1-0.tar.bz2"].Name);
        Assert.Equal(
            "{\"info\":{\"subdir\":\"noarch\"},\"packages\":{\"a-1-0.tar.bz2\":{\"name\":\"c\",\"x\":{\"y\":[2]}}},\"packages.conda\":{},\"removed\":[],\"repodata_version\":1,\"x\":2}",
            Encoding.UTF8.GetString(await RepodataWriterTests.WriteAsync(document)));
        Assert.Equal("b", RepodataRecord.Parse("{\"name\":\"a\",\"name\":\"b\"}"u8).Name);
    }

    [Fact]
    public void RejectsNestingDeeperThan128()
    {
        string deep = new string('[', 200) + new string(']', 200);

        Assert.ThrowsAny<JsonException>(() => RepodataDocument.Parse(Encoding.UTF8.GetBytes("{\"info\":{\"subdir\":\"noarch\"},\"x\":" + deep + "}")));
    }

    [Fact]
    public void AddRoutesByExtensionAndReplaces()
    {
        var document = new RepodataDocument("noarch");

        document.Add("a-1-0.tar.bz2", RepodataWriterTests.Record("a", "1"));
        document.Add("a-1-0.conda", RepodataWriterTests.Record("a", "1"));
        document.Add("a-1-0.conda", RepodataWriterTests.Record("a", "1", "1"));

        Assert.Equal(["a-1-0.tar.bz2"], document.Packages.Keys);
        Assert.Equal(["a-1-0.conda"], document.CondaPackages.Keys);
        Assert.Equal("1", document.CondaPackages["a-1-0.conda"].Build);
        Assert.True(document.TryGetRecord("a-1-0.conda", out RepodataRecord? found));
        Assert.Equal("1", found.Build);
        Assert.Throws<ArgumentException>(() => document.Add("a-1-0.zip", RepodataWriterTests.Record("a", "1")));
    }

    [Fact]
    public void RemoveFindsTheRightSection()
    {
        var document = new RepodataDocument("noarch");
        document.Add("a-1-0.tar.bz2", RepodataWriterTests.Record("a", "1"));
        document.Add("a-1-0.conda", RepodataWriterTests.Record("a", "1"));

        Assert.True(document.Remove("a-1-0.conda"));
        Assert.False(document.Remove("a-1-0.conda"));
        Assert.Single(document.Packages);
        Assert.True(document.Remove("a-1-0.tar.bz2"));
        Assert.Equal(0, document.Count);
    }

    [Fact]
    public void CloneIsDeep()
    {
        RepodataDocument document = RepodataDocument.Parse(Encoding.UTF8.GetBytes(CondaForgeStyle));

        RepodataDocument copy = document.Clone();
        copy.Packages.Values.First().Json["name"] = "changed";
        copy.Info["arch"] = "changed";
        copy.Removed.Clear();

        Assert.Equal("numpy", document.Packages.Values.First().Name);
        Assert.Equal("x86_64", document.Info["arch"]!.GetValue<string>());
        Assert.Single(document.Removed);
    }
}
