using System.Buffers;
using Quetz.Conda.Repodata.Shards;

namespace Quetz.Conda.Tests.Shards;

public class MessagePackTests
{
    // Each value with the bytes msgpack-python packs it into.
    public static TheoryData<long, string> Integers => new()
    {
        { 0, "00" }, { 127, "7f" }, { 128, "cc80" }, { 255, "ccff" }, { 256, "cd0100" }, { 65535, "cdffff" },
        { 65536, "ce00010000" }, { uint.MaxValue, "ceffffffff" }, { 1L << 32, "cf0000000100000000" },
        { long.MaxValue, "cf7fffffffffffffff" }, { -1, "ff" }, { -32, "e0" }, { -33, "d0df" }, { -128, "d080" },
        { -129, "d1ff7f" }, { -32768, "d18000" }, { -32769, "d2ffff7fff" }, { int.MinValue, "d280000000" },
        { int.MinValue - 1L, "d3ffffffff7fffffff" }, { long.MinValue, "d38000000000000000" },
    };

    [Theory]
    [MemberData(nameof(Integers))]
    public void Integers_take_the_smallest_format(long value, string hex)
    {
        byte[] bytes = Write(w => MessagePackWriter.WriteInt64(w, value));

        Assert.Equal(hex, Convert.ToHexStringLower(bytes));
        var reader = new MessagePackReader(bytes);
        Assert.Equal(value, (long)reader.ReadInteger());
        Assert.True(reader.End);
    }

    [Fact]
    public void The_largest_unsigned_integer_round_trips()
    {
        byte[] bytes = Write(w => MessagePackWriter.WriteUInt64(w, ulong.MaxValue));

        Assert.Equal("cfffffffffffffffff", Convert.ToHexStringLower(bytes));
        Assert.Equal(ulong.MaxValue, (ulong)new MessagePackReader(bytes).ReadInteger());
    }

    [Theory]
    [InlineData(0, "a0")]
    [InlineData(31, "bf")]
    [InlineData(32, "d920")]
    [InlineData(255, "d9ff")]
    [InlineData(256, "da0100")]
    [InlineData(65535, "daffff")]
    [InlineData(65536, "db00010000")]
    public void String_headers_follow_the_length(int length, string header)
    {
        string text = new('s', length);
        byte[] bytes = Write(w => MessagePackWriter.WriteString(w, text));

        Assert.Equal(header, Convert.ToHexStringLower(bytes.AsSpan(0, header.Length / 2)));
        Assert.Equal(text, new MessagePackReader(bytes).ReadString());
    }

    [Theory]
    [InlineData(0, "c400")]
    [InlineData(255, "c4ff")]
    [InlineData(256, "c50100")]
    [InlineData(65536, "c600010000")]
    public void Binary_headers_follow_the_length(int length, string header)
    {
        byte[] bytes = Write(w => MessagePackWriter.WriteBinary(w, new byte[length]));

        Assert.Equal(header, Convert.ToHexStringLower(bytes.AsSpan(0, header.Length / 2)));
        Assert.Equal(length, new MessagePackReader(bytes).ReadBinary().Length);
    }

    [Theory]
    [InlineData(15, "9f", "8f")]
    [InlineData(16, "dc0010", "de0010")]
    [InlineData(65536, "dd00010000", "df00010000")]
    public void Container_headers_follow_the_count(int count, string arrayHeader, string mapHeader)
    {
        Assert.Equal(arrayHeader, Convert.ToHexStringLower(Write(w => MessagePackWriter.WriteArrayHeader(w, count))));
        Assert.Equal(mapHeader, Convert.ToHexStringLower(Write(w => MessagePackWriter.WriteMapHeader(w, count))));
    }

    [Fact]
    public void Floats_are_float64_and_Utf8_is_strict()
    {
        Assert.Equal("cb3fb999999999999a", Convert.ToHexStringLower(Write(w => MessagePackWriter.WriteDouble(w, 0.1))));
        Assert.ThrowsAny<System.Text.EncoderFallbackException>(() => Write(w => MessagePackWriter.WriteString(w, "\ud800")));
    }

    [Fact]
    public void Skip_passes_over_nested_values_without_recursion()
    {
        byte[] bytes = Write(w =>
        {
            for (int i = 0; i < 100_000; i++)
            {
                MessagePackWriter.WriteArrayHeader(w, 1);
            }

            MessagePackWriter.WriteNil(w);
            MessagePackWriter.WriteBoolean(w, true);
        });

        var reader = new MessagePackReader(bytes);
        reader.Skip();
        Assert.True(reader.ReadBoolean());
        Assert.True(reader.End);
    }

    internal static byte[] Write(Action<ArrayBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
