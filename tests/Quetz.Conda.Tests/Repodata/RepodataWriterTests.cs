using System.Text;
using System.Text.Json.Nodes;
using Quetz.Conda.Repodata;

namespace Quetz.Conda.Tests.Repodata;

public class RepodataWriterTests
{
    // What conda-index writes (json.dumps(repodata, sort_keys=True, separators=(",", ":")), no final
    // newline) for a linux-64 subdir with one package in each format; typed out by hand from those rules.
    private const string SmallRepodata =
        "{\"info\":{\"subdir\":\"linux-64\"}," +
        "\"packages\":{\"zlib-1.2.13-h166bdaf_4.tar.bz2\":{\"build\":\"h166bdaf_4\",\"build_number\":4,\"constrains\":[\"zlib 1.2.13 *_4\"],\"depends\":[\"libgcc-ng >=12\",\"libzlib 1.2.13 h166bdaf_4\"],\"license\":\"Zlib\",\"license_family\":\"Other\",\"md5\":\"4b11e365c0275b808be78b30f904e295\",\"name\":\"zlib\",\"sha256\":\"282ce274ebe6da1fbd52efbb61bd5a93dec0365b14d64566e6819d1691b75300\",\"size\":94048,\"subdir\":\"linux-64\",\"timestamp\":1686575452215,\"version\":\"1.2.13\"}}," +
        "\"packages.conda\":{\"zlib-1.2.13-h166bdaf_4.conda\":{\"build\":\"h166bdaf_4\",\"build_number\":4,\"constrains\":[\"zlib 1.2.13 *_4\"],\"depends\":[\"libgcc-ng >=12\",\"libzlib 1.2.13 h166bdaf_4\"],\"license\":\"Zlib\",\"license_family\":\"Other\",\"md5\":\"28e1e4a1fe8b3c8e0b6ac8e5a1d2f4a0\",\"name\":\"zlib\",\"sha256\":\"1f7ccf0ad2ad7d3c6bb0eb7f2ae9c0a98a4b0a1d8a2e3c0c3b9b2f2b0b1e9c0a\",\"size\":92827,\"subdir\":\"linux-64\",\"timestamp\":1686575452215,\"version\":\"1.2.13\"}}," +
        "\"removed\":[]," +
        "\"repodata_version\":1}";

    [Fact]
    public async Task WritesTheBytesCondaIndexWrites()
    {
        RepodataDocument document = SmallDocument();

        byte[] written = await WriteAsync(document);

        Assert.Equal(SmallRepodata, Encoding.UTF8.GetString(written));
    }

    [Fact]
    public async Task PreSerialisedRecordsGiveTheSameBytes()
    {
        RepodataDocument document = SmallDocument();

        using var output = new MemoryStream();
        await RepodataWriter.WriteAsync(
            "linux-64",
            document.Packages.Select(p => new KeyValuePair<string, ReadOnlyMemory<byte>>(p.Key, RepodataWriter.SerializeRecord(p.Value))),
            document.CondaPackages.Select(p => new KeyValuePair<string, ReadOnlyMemory<byte>>(p.Key, RepodataWriter.SerializeRecord(p.Value))),
            [],
            null,
            output,
            CancellationToken.None);

        Assert.Equal(SmallRepodata, Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void SerializeRecordSortsKeysRecursivelyAndIsCompact()
    {
        var record = RepodataRecord.FromJson(new JsonObject
        {
            ["version"] = "1.0",
            ["name"] = "a",
            ["depends"] = new JsonArray("b >=1", "c"),
            ["nested"] = new JsonObject { ["z"] = 1, ["a"] = new JsonObject { ["y"] = true, ["b"] = false } },
            ["empty_list"] = new JsonArray(),
            ["empty_object"] = new JsonObject(),
            ["nothing"] = null,
        });

        string json = Encoding.UTF8.GetString(RepodataWriter.SerializeRecord(record));

        Assert.Equal("{\"depends\":[\"b >=1\",\"c\"],\"empty_list\":[],\"empty_object\":{},\"name\":\"a\",\"nested\":{\"a\":{\"b\":false,\"y\":true},\"z\":1},\"nothing\":null,\"version\":\"1.0\"}", json);
    }

    [Theory]
    [InlineData("plain ascii", "\"plain ascii\"")]
    [InlineData("quote\" backslash\\ slash/", "\"quote\\\" backslash\\\\ slash/\"")]
    [InlineData("html <b>&amp;</b> 'x' + y", "\"html <b>&amp;</b> 'x' + y\"")]
    [InlineData("\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\"")]
    [InlineData("\u0000\u0001\u001f\u007f", "\"\\u0000\\u0001\\u001f\\u007f\"")]
    [InlineData("caf\u00e9 \u00c9", "\"caf\\u00e9 \\u00c9\"")]
    [InlineData("\u20ac\uFFFF", "\"\\u20ac\\uffff\"")]
    [InlineData("\U0001F600", "\"\\ud83d\\ude00\"")]
    public void EscapesStringsAsPythonEnsureAscii(string value, string expected)
    {
        var record = RepodataRecord.FromJson(new JsonObject { ["summary"] = value });

        string json = Encoding.UTF8.GetString(RepodataWriter.SerializeRecord(record));

        Assert.Equal("{\"summary\":" + expected + "}", json);
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("-0", "0")]
    [InlineData("42", "42")]
    [InlineData("-7", "-7")]
    [InlineData("1686575452215", "1686575452215")]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567890")]
    [InlineData("1.0", "1.0")]
    [InlineData("1.50", "1.5")]
    [InlineData("2.5e3", "2500.0")]
    [InlineData("1E3", "1000.0")]
    [InlineData("0.1", "0.1")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("0.00001", "1e-05")]
    [InlineData("1e16", "1e+16")]
    [InlineData("1e15", "1000000000000000.0")]
    [InlineData("123456789.123", "123456789.123")]
    [InlineData("1.5e300", "1.5e+300")]
    [InlineData("-2.5E-7", "-2.5e-07")]
    [InlineData("-0.0", "-0.0")]
    [InlineData("0.30000000000000004", "0.30000000000000004")]
    public void WritesNumbersAsPythonDoes(string json, string expected)
    {
        RepodataRecord record = RepodataRecord.Parse(Encoding.UTF8.GetBytes("{\"n\":" + json + "}"));

        Assert.Equal("{\"n\":" + expected + "}", Encoding.UTF8.GetString(RepodataWriter.SerializeRecord(record)));
    }

    [Fact]
    public void WritesProgrammaticNumbersAsPythonDoes()
    {
        var record = RepodataRecord.FromJson(new JsonObject { ["a"] = 3, ["b"] = 3L, ["c"] = 0.5, ["d"] = 1e20, ["e"] = 2.0 });

        Assert.Equal("{\"a\":3,\"b\":3,\"c\":0.5,\"d\":1e+20,\"e\":2.0}", Encoding.UTF8.GetString(RepodataWriter.SerializeRecord(record)));
    }

    [Fact]
    public async Task SortsKeysByCodePointLikePython()
    {
        // U+FF21 (fullwidth A) sorts before U+1F600 in Python, though its UTF-16 unit is larger than a surrogate's.
        var record = RepodataRecord.FromJson(new JsonObject { ["\U0001F600"] = 1, ["\uFF21"] = 2, ["b"] = 3, ["B"] = 4, ["_"] = 5 });
        var document = new RepodataDocument("noarch");
        document.Add("a-1-0.tar.bz2", record);

        string json = Encoding.UTF8.GetString(await WriteAsync(document));

        Assert.Contains("{\"B\":4,\"_\":5,\"b\":3,\"\\uff21\":2,\"\\ud83d\\ude00\":1}", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SortsFileNamesOrdinally()
    {
        var document = new RepodataDocument("noarch");
        foreach (string name in new[] { "b-1-0.tar.bz2", "B-1-0.tar.bz2", "a_b-1-0.tar.bz2", "a-b-1-0.tar.bz2", "a-1-0.tar.bz2" })
        {
            document.Add(name, Record(name[..name.IndexOf("-1-", StringComparison.Ordinal)], "1"));
        }

        string json = Encoding.UTF8.GetString(await WriteAsync(document));
        int[] positions = [.. new[] { "B-1-0", "a-1-0", "a-b-1-0", "a_b-1-0", "b-1-0" }.Select(n => json.IndexOf("\"" + n, StringComparison.Ordinal))];

        Assert.Equal(positions.Order(), positions);
        Assert.DoesNotContain(-1, positions);
    }

    [Fact]
    public async Task WritesRemovedSortedAndInfoKeysSorted()
    {
        var document = new RepodataDocument("osx-arm64") { RepodataVersion = 2 };
        document.Info["base_url"] = "https://example.org/c/osx-arm64/";
        document.Info["arch"] = "arm64";
        document.Removed.Add("z-1-0.tar.bz2");
        document.Removed.Add("a-1-0.conda");

        string json = Encoding.UTF8.GetString(await WriteAsync(document));

        Assert.Equal(
            "{\"info\":{\"arch\":\"arm64\",\"base_url\":\"https://example.org/c/osx-arm64/\",\"subdir\":\"osx-arm64\"},\"packages\":{},\"packages.conda\":{},\"removed\":[\"a-1-0.conda\",\"z-1-0.tar.bz2\"],\"repodata_version\":2}",
            json);
    }

    [Fact]
    public async Task MergesExtraKeysIntoTheSortedTopLevel()
    {
        var document = new RepodataDocument("noarch");
        document.Extra["signatures"] = new JsonObject { ["b-1-0.tar.bz2"] = new JsonObject { ["key"] = new JsonObject { ["signature"] = "ab" } } };
        document.Extra["abc"] = 1;

        string json = Encoding.UTF8.GetString(await WriteAsync(document));

        Assert.Equal(
            "{\"abc\":1,\"info\":{\"subdir\":\"noarch\"},\"packages\":{},\"packages.conda\":{},\"removed\":[],\"repodata_version\":1,\"signatures\":{\"b-1-0.tar.bz2\":{\"key\":{\"signature\":\"ab\"}}}}",
            json);
    }

    [Fact]
    public async Task RejectsAnExtraKeyThatIsAStandardKey()
    {
        var document = new RepodataDocument("noarch");
        document.Extra["packages"] = new JsonObject();

        await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(document));
    }

    [Fact]
    public async Task PreSerialisedRecordsAreSortedWhenGivenOutOfOrder()
    {
        byte[] a = RepodataWriter.SerializeRecord(Record("a", "1"));
        byte[] b = RepodataWriter.SerializeRecord(Record("b", "1"));
        using var output = new MemoryStream();

        await RepodataWriter.WriteAsync(
            "noarch",
            [new("b-1-0.tar.bz2", b), new("a-1-0.tar.bz2", a)],
            [],
            ["y", "x"],
            new JsonObject { ["signatures"] = new JsonObject() },
            output,
            CancellationToken.None);

        string json = Encoding.UTF8.GetString(output.ToArray());
        Assert.StartsWith("{\"info\":{\"subdir\":\"noarch\"},\"packages\":{\"a-1-0.tar.bz2\":{", json, StringComparison.Ordinal);
        Assert.True(json.IndexOf("\"a-1-0.tar.bz2\"", StringComparison.Ordinal) < json.IndexOf("\"b-1-0.tar.bz2\"", StringComparison.Ordinal));
        Assert.EndsWith("\"removed\":[\"x\",\"y\"],\"repodata_version\":1,\"signatures\":{}}", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreSerialisedDuplicateFileNamesAreRejected()
    {
        byte[] a = RepodataWriter.SerializeRecord(Record("a", "1"));
        using var output = new MemoryStream();

        await Assert.ThrowsAsync<ArgumentException>(() => RepodataWriter.WriteAsync(
            "noarch", [new("b-1-0.tar.bz2", a), new("a-1-0.tar.bz2", a), new("b-1-0.tar.bz2", a)], [], [], null, output, CancellationToken.None));
    }

    [Fact]
    public async Task HeaderOverloadWritesInfoAndVersionFromTheHeader()
    {
        var header = new RepodataDocument("linux-64") { RepodataVersion = 2 };
        header.Info["base_url"] = "https://mirror.example/linux-64/";
        header.Add("ignored-1-0.tar.bz2", Record("ignored", "1"));
        using var output = new MemoryStream();

        await RepodataWriter.WriteAsync(header, [new("a-1-0.tar.bz2", RepodataWriter.SerializeRecord(Record("a", "1")))], [], output, CancellationToken.None);

        string json = Encoding.UTF8.GetString(output.ToArray());
        Assert.StartsWith("{\"info\":{\"base_url\":\"https://mirror.example/linux-64/\",\"subdir\":\"linux-64\"},\"packages\":{\"a-1-0.tar.bz2\":", json, StringComparison.Ordinal);
        Assert.DoesNotContain("ignored", json, StringComparison.Ordinal);
        Assert.EndsWith("\"repodata_version\":2}", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IsDeterministicAcrossWritesAndRoundTrips()
    {
        RepodataDocument document = LargeDocument(2000);

        byte[] first = await WriteAsync(document);
        byte[] second = await WriteAsync(document);
        byte[] reparsed = await WriteAsync(RepodataDocument.Parse(first));
        byte[] cloned = await WriteAsync(document.Clone());

        Assert.Equal(first, second);
        Assert.Equal(first, reparsed);
        Assert.Equal(first, cloned);
        Assert.True(first.Length > 256 * 1024, "large enough to cross the writer's flush threshold");
    }

    [Fact]
    public async Task InsertionOrderDoesNotChangeTheBytes()
    {
        RepodataDocument forward = LargeDocument(300);
        var backward = new RepodataDocument(forward.Subdir);
        foreach ((string fileName, RepodataRecord record) in forward.Packages.Reverse().Concat(forward.CondaPackages.Reverse()))
        {
            var json = new JsonObject();
            foreach (string key in record.Json.Select(p => p.Key).Reverse().ToList())
            {
                json[key] = record.Json[key]!.DeepClone();
            }

            backward.Add(fileName, RepodataRecord.FromJson(json));
        }

        Assert.Equal(await WriteAsync(forward), await WriteAsync(backward));
    }

    [Fact]
    public async Task WritingHonoursCancellation()
    {
        RepodataDocument document = LargeDocument(3000);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RepodataWriter.WriteAsync(document, new MemoryStream(), cancelled.Token));
    }

    [Fact]
    public async Task DoesNotCloseTheOutput()
    {
        using var output = new MemoryStream();

        await RepodataWriter.WriteAsync(SmallDocument(), output, CancellationToken.None);

        Assert.True(output.CanWrite);
    }

    internal static async Task<byte[]> WriteAsync(RepodataDocument document)
    {
        using var output = new MemoryStream();
        await RepodataWriter.WriteAsync(document, output, CancellationToken.None);
        return output.ToArray();
    }

    internal static RepodataRecord Record(string name, string version, string build = "0", long buildNumber = 0, params string[] depends) =>
        RepodataRecord.FromJson(new JsonObject
        {
            ["name"] = name,
            ["version"] = version,
            ["build"] = build,
            ["build_number"] = buildNumber,
            ["depends"] = new JsonArray([.. depends.Select(d => (JsonNode)JsonValue.Create(d))]),
            ["subdir"] = "noarch",
        });

    internal static RepodataDocument LargeDocument(int count)
    {
        var document = new RepodataDocument("linux-64");
        for (int i = 0; i < count; i++)
        {
            string name = $"pkg{i % 97}";
            string version = $"{i / 97}.{i % 7}.0";
            string build = $"py312h{i:x8}_0";
            var record = RepodataRecord.FromJson(new JsonObject
            {
                ["build"] = build,
                ["build_number"] = i % 3,
                ["depends"] = new JsonArray("python >=3.12,<3.13.0a0", "libgcc-ng >=12", $"pkg{(i + 1) % 97} >=0.{i % 5}"),
                ["license"] = "BSD-3-Clause",
                ["md5"] = $"{i:x32}",
                ["name"] = name,
                ["sha256"] = $"{i:x64}",
                ["size"] = 10_000 + i,
                ["subdir"] = "linux-64",
                ["timestamp"] = 1_700_000_000_000L + i,
                ["version"] = version,
                ["summary"] = "Caf\u00e9 \"quoted\" <tag>",
            });
            document.Add($"{name}-{version}-{build}{(i % 2 == 0 ? ".conda" : ".tar.bz2")}", record);
        }

        return document;
    }

    private static RepodataDocument SmallDocument()
    {
        var document = new RepodataDocument("linux-64");
        foreach ((string ext, string md5, string sha, long size) in new[]
        {
            (".tar.bz2", "4b11e365c0275b808be78b30f904e295", "282ce274ebe6da1fbd52efbb61bd5a93dec0365b14d64566e6819d1691b75300", 94048L),
            (".conda", "28e1e4a1fe8b3c8e0b6ac8e5a1d2f4a0", "1f7ccf0ad2ad7d3c6bb0eb7f2ae9c0a98a4b0a1d8a2e3c0c3b9b2f2b0b1e9c0a", 92827L),
        })
        {
            // index.json key order, then the checksums appended as an indexer would.
            var record = RepodataRecord.FromJson(new JsonObject
            {
                ["name"] = "zlib",
                ["version"] = "1.2.13",
                ["build"] = "h166bdaf_4",
                ["build_number"] = 4,
                ["subdir"] = "linux-64",
                ["depends"] = new JsonArray("libgcc-ng >=12", "libzlib 1.2.13 h166bdaf_4"),
                ["constrains"] = new JsonArray("zlib 1.2.13 *_4"),
                ["license"] = "Zlib",
                ["license_family"] = "Other",
                ["timestamp"] = 1686575452215L,
                ["size"] = size,
                ["md5"] = md5,
                ["sha256"] = sha,
            });
            document.Add("zlib-1.2.13-h166bdaf_4" + ext, record);
        }

        return document;
    }
}
