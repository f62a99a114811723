using System.IO.Compression;
using Quetz.Conda.Repodata;

namespace Quetz.Conda.Tests.Repodata;

public class RepodataCompressionTests
{
    public static TheoryData<string> Extensions => [".bz2", ".zst", ".gz"];

    [Theory]
    [MemberData(nameof(Extensions))]
    public async Task CompressedSiblingDecompressesToTheSameBytes(string extension)
    {
        byte[] json = await RepodataWriterTests.WriteAsync(RepodataWriterTests.LargeDocument(3000));

        byte[] compressed = await CompressAsync(json, extension);

        Assert.True(compressed.Length < json.Length / 4, $"{extension}: {compressed.Length} of {json.Length}");
        Assert.Equal(json, Decompress(compressed, extension));
    }

    [Theory]
    [InlineData(".bz2", "bzip2")]
    [InlineData(".zst", "zstd")]
    [InlineData(".gz", "gzip")]
    public async Task DebianToolsDecompressOurSiblingsToTheSameBytes(string extension, string tool)
    {
        byte[] json = await RepodataWriterTests.WriteAsync(RepodataWriterTests.LargeDocument(3000));
        byte[] compressed = await CompressAsync(json, extension);

        byte[] decompressed = await ExternalTool.RunAsync(tool, compressed, "-d", "-c");

        Assert.Equal(json, decompressed);
    }

    [Theory]
    [InlineData(".bz2", "bzip2")]
    [InlineData(".zst", "zstd")]
    [InlineData(".gz", "gzip")]
    public async Task WeDecompressWhatDebianToolsCompress(string extension, string tool)
    {
        byte[] json = await RepodataWriterTests.WriteAsync(RepodataWriterTests.LargeDocument(500));

        byte[] compressed = await ExternalTool.RunAsync(tool, json, "-c");

        Assert.Equal(json, Decompress(compressed, extension));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(RepodataCompression.FastZstdLevel)]
    [InlineData(RepodataCompression.CondaIndexZstdLevel)]
    [InlineData(19)]
    public async Task EveryZstdLevelRoundTripsThroughTheZstdTool(int level)
    {
        byte[] json = await RepodataWriterTests.WriteAsync(RepodataWriterTests.LargeDocument(1000));

        byte[] compressed = Compress(json, s => RepodataCompression.Zstd(s, level));

        Assert.Equal(json, await ExternalTool.RunAsync("zstd", compressed, "-d", "-c"));
        Assert.Equal(json, Decompress(compressed, ".zst"));
    }

    [Theory]
    [MemberData(nameof(Extensions))]
    public async Task CompressionIsDeterministic(string extension)
    {
        byte[] json = await RepodataWriterTests.WriteAsync(RepodataWriterTests.LargeDocument(800));

        Assert.Equal(await CompressAsync(json, extension), await CompressAsync(json, extension));
    }

    [Theory]
    [MemberData(nameof(Extensions))]
    public async Task EmptyInputGivesAValidEmptyFile(string extension)
    {
        byte[] compressed = Compress([], s => RepodataCompression.Compress(s, extension));
        byte[] compressedAsync = await CompressAsync([], extension);

        Assert.NotEmpty(compressed);
        Assert.Equal(compressed, compressedAsync);
        Assert.Empty(Decompress(compressed, extension));
        Assert.Empty(await ExternalTool.RunAsync(Tool(extension), compressed, "-d", "-c"));
    }

    private static string Tool(string extension) => extension switch
    {
        ".bz2" => "bzip2",
        ".zst" => "zstd",
        _ => "gzip",
    };

    [Theory]
    [MemberData(nameof(Extensions))]
    public void CompressorsLeaveTheOutputOpenByDefault(string extension)
    {
        using var output = new MemoryStream();
        using (Stream compressor = RepodataCompression.Compress(output, extension))
        {
            compressor.Write("{}"u8);
        }

        Assert.True(output.CanWrite);
        output.WriteByte(0);
    }

    [Fact]
    public void CompressorsCloseTheOutputWhenAsked()
    {
        var bz2 = new MemoryStream();
        var zst = new MemoryStream();
        var gz = new MemoryStream();

        RepodataCompression.Bzip2(bz2, leaveOpen: false).Dispose();
        RepodataCompression.Zstd(zst, 3, leaveOpen: false).Dispose();
        RepodataCompression.Gzip(gz, CompressionLevel.Fastest, leaveOpen: false).Dispose();

        Assert.False(bz2.CanWrite);
        Assert.False(zst.CanWrite);
        Assert.False(gz.CanWrite);
    }

    [Theory]
    [MemberData(nameof(Extensions))]
    public void DecompressorsLeaveTheInputOpenByDefault(string extension)
    {
        using var input = new MemoryStream(Compress("{}"u8.ToArray(), s => RepodataCompression.Compress(s, extension)));
        using (Stream decompressor = RepodataCompression.Decompress(input, extension))
        {
            decompressor.CopyTo(Stream.Null);
        }

        Assert.True(input.CanRead);
    }

    [Fact]
    public void ExtensionsAreCaseInsensitiveAndTheDotIsOptional()
    {
        byte[] compressed = Compress("{}"u8.ToArray(), s => RepodataCompression.Compress(s, "ZST"));

        Assert.Equal("{}"u8.ToArray(), Decompress(compressed, "zst"));
        Assert.Throws<ArgumentException>(() => RepodataCompression.Decompress(new MemoryStream(), ".xz"));
        Assert.Throws<ArgumentException>(() => RepodataCompression.Compress(new MemoryStream(), ".xz"));
        Assert.Throws<ArgumentOutOfRangeException>(() => RepodataCompression.Zstd(new MemoryStream(), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => RepodataCompression.Zstd(new MemoryStream(), 23));
    }

    [Theory]
    [MemberData(nameof(Extensions))]
    public async Task TheWriterStreamsStraightIntoACompressor(string extension)
    {
        RepodataDocument document = RepodataWriterTests.LargeDocument(3000);
        byte[] json = await RepodataWriterTests.WriteAsync(document);

        using var output = new MemoryStream();
        await using (Stream compressor = RepodataCompression.Compress(output, extension))
        {
            await RepodataWriter.WriteAsync(document, compressor, CancellationToken.None);
        }

        Assert.Equal(json, Decompress(output.ToArray(), extension));
    }

    internal static async Task<byte[]> CompressAsync(byte[] data, string extension)
    {
        using var output = new MemoryStream();
        await using (Stream compressor = RepodataCompression.Compress(output, extension))
        {
            await compressor.WriteAsync(data);
        }

        return output.ToArray();
    }

    private static byte[] Compress(byte[] data, Func<Stream, Stream> create)
    {
        using var output = new MemoryStream();
        using (Stream compressor = create(output))
        {
            compressor.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Decompress(byte[] compressed, string extension)
    {
        using var input = new MemoryStream(compressed);
        using Stream decompressor = RepodataCompression.Decompress(input, extension);
        using var output = new MemoryStream();
        decompressor.CopyTo(output);
        return output.ToArray();
    }
}
