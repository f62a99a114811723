using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Quetz.Conda.Repodata;

namespace Quetz.Conda.Tests.Repodata;

public class ChanneldataDocumentTests
{
    [Fact]
    public void StartsWithNoarch()
    {
        var document = new ChanneldataDocument();

        Assert.Equal(["noarch"], document.Subdirs);
        Assert.Empty(document.Packages);
    }

    [Fact]
    public async Task WritesCondaIndexLayoutWithoutNullsAndWithAFinalNewline()
    {
        var document = new ChanneldataDocument();
        document.Add("zlib", ChanneldataEntryTests.Entry("1.3.1", 1_727_963_148_474, "linux-64", runExports: "libzlib >=1.3.1,<2.0a0", summary: "Massively spiffy", home: null));
        document.Add("_empty", []);

        string json = Encoding.UTF8.GetString(await WriteAsync(document));

        // conda-index: json.dumps(channeldata, sort_keys=True, separators=(",", ":")) + "\n", None values dropped per package.
        Assert.Equal(
            "{\"channeldata_version\":1,\"packages\":{" +
            "\"_empty\":{}," +
            "\"zlib\":{\"activate.d\":false,\"binary_prefix\":false,\"deactivate.d\":false,\"packagename\":\"pkg\",\"post_link\":false,\"pre_link\":false,\"pre_unlink\":false," +
            "\"run_exports\":{\"1.3.1\":{\"weak\":[\"libzlib >=1.3.1,<2.0a0\"]}},\"subdirs\":[\"linux-64\"],\"summary\":\"Massively spiffy\",\"text_prefix\":false,\"timestamp\":1727963148,\"version\":\"1.3.1\"}}," +
            "\"subdirs\":[\"linux-64\",\"noarch\"]}\n",
            json);
    }

    [Fact]
    public async Task PackageRegisteredWithoutFilesIsAnEmptyObject()
    {
        var document = new ChanneldataDocument();
        document.Packages["placeholder"] = [];

        string json = Encoding.UTF8.GetString(await WriteAsync(document));

        Assert.Equal("{\"channeldata_version\":1,\"packages\":{\"placeholder\":{}},\"subdirs\":[\"noarch\"]}\n", json);
    }

    [Fact]
    public async Task DropsCommitsAndNullsOnlyAtTheEntryLevel()
    {
        var document = new ChanneldataDocument();
        document.Packages["a"] = new JsonObject
        {
            ["commits"] = new JsonArray("abc"),
            ["home"] = null,
            ["run_exports"] = new JsonObject { ["1.0"] = new JsonObject { ["weak"] = null } },
        };

        string json = Encoding.UTF8.GetString(await WriteAsync(document));

        Assert.Contains("\"a\":{\"run_exports\":{\"1.0\":{\"weak\":null}}}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void AddMergesAndCollectsSubdirs()
    {
        var document = new ChanneldataDocument();

        document.Add("pkg", ChanneldataEntryTests.Entry("1.0", 10, "win-64", runExports: "pkg 1.0"));
        JsonObject merged = document.Add("pkg", ChanneldataEntryTests.Entry("2.0", 20, "linux-aarch64", runExports: "pkg 2.0"));

        Assert.Same(merged, document.Packages["pkg"]);
        Assert.Equal(["linux-aarch64", "noarch", "win-64"], document.Subdirs);
        Assert.Equal("[\"linux-aarch64\",\"win-64\"]", merged["subdirs"]!.ToCompactJson());
        Assert.Equal(2, merged["run_exports"]!.AsObject().Count);
        Assert.Equal("2.0", merged["version"]!.GetValue<string>());
    }

    [Fact]
    public void AddOverAnEmptyPlaceholderIsAFirstUpload()
    {
        var document = new ChanneldataDocument();
        document.Packages["pkg"] = [];

        JsonObject merged = document.Add("pkg", ChanneldataEntryTests.Entry("1.0", 10, "noarch", runExports: "pkg"));

        Assert.Equal("1.0", merged["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task ParsesQuetzChanneldataWithUnorderedSubdirsAndRewritesItSorted()
    {
        // quetz/channel_data.py export: pretty-printed, "subdirs" from a Python set, first-upload run_exports un-keyed.
        const string quetz = """
            {
              "channeldata_version": 1,
              "packages": {
                "xtensor": {
                  "activate.d": false,
                  "binary_prefix": false,
                  "deactivate.d": false,
                  "description": null,
                  "home": "https://github.com/xtensor-stack/xtensor",
                  "packagename": "xtensor",
                  "post_link": false,
                  "pre_link": false,
                  "pre_unlink": false,
                  "run_exports": {"weak": ["xtensor >=0.24.0,<0.25.0a0"]},
                  "subdirs": ["osx-64", "linux-64"],
                  "text_prefix": false,
                  "timestamp": 1650000000,
                  "version": "0.24.0"
                },
                "empty": {}
              },
              "subdirs": ["osx-64", "noarch", "linux-64"]
            }
            """;

        ChanneldataDocument document = ChanneldataDocument.Parse(Encoding.UTF8.GetBytes(quetz));
        document.Add("xtensor", ChanneldataEntryTests.Entry("0.25.0", 1660000000, "win-64", runExports: "xtensor >=0.25.0,<0.26.0a0"));

        Assert.Equal(["linux-64", "noarch", "osx-64", "win-64"], document.Subdirs);
        string json = Encoding.UTF8.GetString(await WriteAsync(document));
        Assert.StartsWith("{\"channeldata_version\":1,\"packages\":{\"empty\":{},\"xtensor\":{", json, StringComparison.Ordinal);
        Assert.Contains("\"run_exports\":{\"0.24.0\":{\"weak\":[\"xtensor >=0.24.0,<0.25.0a0\"]},\"0.25.0\":{\"weak\":[\"xtensor >=0.25.0,<0.26.0a0\"]}}", json, StringComparison.Ordinal);
        Assert.Contains("\"subdirs\":[\"linux-64\",\"osx-64\",\"win-64\"]", json, StringComparison.Ordinal);
        Assert.EndsWith("\"subdirs\":[\"linux-64\",\"noarch\",\"osx-64\",\"win-64\"]}\n", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoundTripsCondaIndexOutputByteForByte()
    {
        var document = new ChanneldataDocument();
        document.Add("b", ChanneldataEntryTests.Entry("1.0", 1, "osx-arm64", runExports: "b"));
        document.Add("a", ChanneldataEntryTests.Entry("1.0", 1, "noarch"));
        document.Extra["zz_extra"] = "kept";
        byte[] first = await WriteAsync(document);

        byte[] second = await WriteAsync(ChanneldataDocument.Parse(first));

        Assert.Equal(first, second);
        Assert.EndsWith("\"zz_extra\":\"kept\"}\n", Encoding.UTF8.GetString(second), StringComparison.Ordinal);
    }

    [Fact]
    public void RemoveDropsTheEntryOnly()
    {
        var document = new ChanneldataDocument();
        document.Add("a", ChanneldataEntryTests.Entry("1.0", 1, "linux-64"));

        Assert.True(document.Remove("a"));
        Assert.False(document.Remove("a"));
        Assert.Contains("linux-64", document.Subdirs);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"channeldata_version\":\"x\"}")]
    [InlineData("{")]
    public void RejectsMalformedChanneldata(string json)
    {
        Assert.ThrowsAny<JsonException>(() => ChanneldataDocument.Parse(Encoding.UTF8.GetBytes(json)));
    }

    private static async Task<byte[]> WriteAsync(ChanneldataDocument document)
    {
        using var output = new MemoryStream();
        await ChanneldataWriter.WriteAsync(document, output, CancellationToken.None);
        return output.ToArray();
    }
}
