using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Quetz.Conda.Repodata;

namespace Quetz.Conda.Tests.Repodata;

public class RepodataRecordTests
{
    [Fact]
    public void ExposesTheCommonFields()
    {
        RepodataRecord record = RepodataRecord.Parse("""
            {"name":"libzlib","version":"1.3.1","build":"hb9d3cd8_2","build_number":2,"subdir":"linux-64",
             "depends":["__glibc >=2.17,<3.0.a0","libgcc >=13"],"constrains":["zlib 1.3.1 *_2"],
             "timestamp":1727963148474,"size":61574,"md5":"edb0dca6bc32e4f4789199455a1dbeb8",
             "sha256":"d4bfe88d7cb447768e31650f06257995601f89076080e76df55e3112d4e47dc4","license":"Zlib",
             "noarch":null,"features":"","track_features":"mkl","custom":{"x":[1,2]}}
            """u8);

        Assert.Equal("libzlib", record.Name);
        Assert.Equal("1.3.1", record.Version);
        Assert.Equal("hb9d3cd8_2", record.Build);
        Assert.Equal(2, record.BuildNumber);
        Assert.Equal("linux-64", record.Subdir);
        Assert.Equal(["__glibc >=2.17,<3.0.a0", "libgcc >=13"], record.Depends);
        Assert.Equal(["zlib 1.3.1 *_2"], record.Constrains);
        Assert.Equal(1727963148474, record.Timestamp);
        Assert.Equal(1727963148.474, record.TimestampSeconds, 3);
        Assert.Equal(61574, record.Size);
        Assert.Equal("edb0dca6bc32e4f4789199455a1dbeb8", record.Md5);
        Assert.Equal("Zlib", record.License);
        Assert.Null(record.Noarch);
        Assert.True(record.HasFeatures);
        Assert.Equal("{\"x\":[1,2]}", record.Json["custom"]!.ToCompactJson());
    }

    [Fact]
    public void MissingFieldsGiveNeutralValues()
    {
        var record = RepodataRecord.FromJson([]);

        Assert.Equal(string.Empty, record.Name);
        Assert.Equal(string.Empty, record.Version);
        Assert.Equal(string.Empty, record.Build);
        Assert.Equal(0, record.BuildNumber);
        Assert.Empty(record.Depends);
        Assert.Null(record.Timestamp);
        Assert.Equal(0, record.TimestampSeconds);
        Assert.Null(record.Subdir);
        Assert.False(record.HasFeatures);
    }

    [Fact]
    public void WrongTypesGiveNeutralValues()
    {
        RepodataRecord record = RepodataRecord.Parse("{\"name\":1,\"build_number\":\"3\",\"depends\":\"a\",\"timestamp\":\"x\"}"u8);

        Assert.Equal(string.Empty, record.Name);
        Assert.Equal(0, record.BuildNumber);
        Assert.Empty(record.Depends);
        Assert.Null(record.Timestamp);
    }

    [Fact]
    public async Task HugeNumbersReadAndWriteAsPythonDoes()
    {
        RepodataRecord record = RepodataRecord.Parse("{\"timestamp\":1e400,\"size\":-1e400,\"build_number\":99999999999999999999}"u8);
        var document = new RepodataDocument("noarch");
        document.Add("a-1-0.conda", record);

        Assert.Null(record.Timestamp);
        Assert.True(double.IsPositiveInfinity(record.TimestampSeconds));
        Assert.Equal(0, record.BuildNumber);
        Assert.Contains("{\"build_number\":99999999999999999999,\"size\":-Infinity,\"timestamp\":Infinity}", Encoding.UTF8.GetString(await RepodataWriterTests.WriteAsync(document)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1_600_000_000L, 1_600_000_000d)]
    [InlineData(253_402_300_799L, 253_402_300_799d)]
    [InlineData(1_600_000_000_123L, 1_600_000_000.123)]
    public void TimestampSecondsConvertsMillisecondsAsCondaDoes(long stored, double seconds)
    {
        var record = RepodataRecord.FromJson(new JsonObject { ["timestamp"] = stored });

        Assert.Equal(seconds, record.TimestampSeconds, 3);
    }

    [Fact]
    public void FeaturesAsListCount()
    {
        Assert.True(RepodataRecord.FromJson(new JsonObject { ["features"] = new JsonArray("blas_openblas") }).HasFeatures);
        Assert.False(RepodataRecord.FromJson(new JsonObject { ["features"] = new JsonArray() }).HasFeatures);
        Assert.False(RepodataRecord.FromJson(new JsonObject { ["track_features"] = " " }).HasFeatures);
    }

    [Fact]
    public void MatchableRecordFeedsMatchSpec()
    {
        RepodataRecord record = RepodataRecord.Parse("{\"name\":\"numpy\",\"version\":\"1.26.4\",\"build\":\"py312h1\",\"build_number\":3,\"subdir\":\"linux-64\"}"u8);

        MatchableRecord matchable = record.ToMatchableRecord("numpy-1.26.4-py312h1.conda");

        Assert.True(MatchSpec.Parse("numpy >=1.26,<2 py312*").Matches(matchable));
        Assert.True(MatchSpec.Parse("numpy[build_number='>=3', subdir=linux-64]").Matches(matchable));
        Assert.False(MatchSpec.Parse("numpy <1.26").Matches(matchable));
    }

    [Fact]
    public void CloneIsIndependentAndFromJsonWrapsWithoutCopying()
    {
        var json = new JsonObject { ["name"] = "a" };
        var record = RepodataRecord.FromJson(json);
        RepodataRecord clone = record.Clone();

        json["name"] = "b";

        Assert.Equal("b", record.Name);
        Assert.Equal("a", clone.Name);
        Assert.Equal("{\"name\":\"a\"}", clone.ToString());
    }

    [Fact]
    public void ParseRejectsNonObjects()
    {
        Assert.ThrowsAny<JsonException>(() => RepodataRecord.Parse("[1]"u8));
        Assert.ThrowsAny<JsonException>(() => RepodataRecord.Parse(Encoding.UTF8.GetBytes("{")));
    }
}
