using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Quetz.Conda.Repodata.Shards;

/// <summary>
/// Writes MessagePack values with the encodings msgpack-python's <c>packb</c> picks by default
/// (<c>use_bin_type=True</c>): the smallest integer format for the value (unsigned formats for
/// non-negative values), floats as float64, <c>str 8</c> for strings of 32 to 255 bytes, and
/// <c>bin</c> for bytes. Equal values therefore give the bytes Python gives, which keeps shard
/// hashes comparable across implementations.
/// </summary>
internal static class MessagePackWriter
{
    // Lone surrogates have no UTF-8 form; msgpack-python refuses them too rather than writing U+FFFD.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void WriteNil(IBufferWriter<byte> output) => WriteByte(output, 0xc0);

    public static void WriteBoolean(IBufferWriter<byte> output, bool value) => WriteByte(output, value ? (byte)0xc3 : (byte)0xc2);

    public static void WriteInt64(IBufferWriter<byte> output, long value)
    {
        if (value >= 0)
        {
            WriteUInt64(output, (ulong)value);
        }
        else if (value >= -32)
        {
            WriteByte(output, unchecked((byte)value));
        }
        else if (value >= sbyte.MinValue)
        {
            Span<byte> span = output.GetSpan(2);
            span[0] = 0xd0;
            span[1] = unchecked((byte)value);
            output.Advance(2);
        }
        else if (value >= short.MinValue)
        {
            Span<byte> span = output.GetSpan(3);
            span[0] = 0xd1;
            BinaryPrimitives.WriteInt16BigEndian(span[1..], (short)value);
            output.Advance(3);
        }
        else if (value >= int.MinValue)
        {
            Span<byte> span = output.GetSpan(5);
            span[0] = 0xd2;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], (int)value);
            output.Advance(5);
        }
        else
        {
            Span<byte> span = output.GetSpan(9);
            span[0] = 0xd3;
            BinaryPrimitives.WriteInt64BigEndian(span[1..], value);
            output.Advance(9);
        }
    }

    public static void WriteUInt64(IBufferWriter<byte> output, ulong value)
    {
        if (value <= 0x7f)
        {
            WriteByte(output, (byte)value);
        }
        else if (value <= byte.MaxValue)
        {
            Span<byte> span = output.GetSpan(2);
            span[0] = 0xcc;
            span[1] = (byte)value;
            output.Advance(2);
        }
        else if (value <= ushort.MaxValue)
        {
            Span<byte> span = output.GetSpan(3);
            span[0] = 0xcd;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)value);
            output.Advance(3);
        }
        else if (value <= uint.MaxValue)
        {
            Span<byte> span = output.GetSpan(5);
            span[0] = 0xce;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)value);
            output.Advance(5);
        }
        else
        {
            Span<byte> span = output.GetSpan(9);
            span[0] = 0xcf;
            BinaryPrimitives.WriteUInt64BigEndian(span[1..], value);
            output.Advance(9);
        }
    }

    public static void WriteDouble(IBufferWriter<byte> output, double value)
    {
        Span<byte> span = output.GetSpan(9);
        span[0] = 0xcb;
        BinaryPrimitives.WriteDoubleBigEndian(span[1..], value);
        output.Advance(9);
    }

    /// <summary>Writes a string, UTF-8 encoded.</summary>
    /// <exception cref="EncoderFallbackException">The string holds a lone surrogate.</exception>
    public static void WriteString(IBufferWriter<byte> output, ReadOnlySpan<char> value)
    {
        int length = StrictUtf8.GetByteCount(value);
        WriteStringHeader(output, length);
        int written = StrictUtf8.GetBytes(value, output.GetSpan(length));
        output.Advance(written);
    }

    /// <summary>Writes a string that is already UTF-8; the caller vouches for its validity.</summary>
    public static void WriteUtf8String(IBufferWriter<byte> output, ReadOnlySpan<byte> utf8)
    {
        WriteStringHeader(output, utf8.Length);
        WriteRaw(output, utf8);
    }

    public static void WriteBinary(IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        WriteLengthHeader(output, value.Length, 0xc4, 0xc5, 0xc6);
        WriteRaw(output, value);
    }

    public static void WriteArrayHeader(IBufferWriter<byte> output, int count)
    {
        if (count < 16)
        {
            WriteByte(output, (byte)(0x90 | count));
        }
        else
        {
            WriteLength16Or32(output, count, 0xdc, 0xdd);
        }
    }

    public static void WriteMapHeader(IBufferWriter<byte> output, int count)
    {
        if (count < 16)
        {
            WriteByte(output, (byte)(0x80 | count));
        }
        else
        {
            WriteLength16Or32(output, count, 0xde, 0xdf);
        }
    }

    private static void WriteStringHeader(IBufferWriter<byte> output, int length)
    {
        if (length < 32)
        {
            WriteByte(output, (byte)(0xa0 | length));
        }
        else
        {
            WriteLengthHeader(output, length, 0xd9, 0xda, 0xdb);
        }
    }

    private static void WriteLengthHeader(IBufferWriter<byte> output, int length, byte code8, byte code16, byte code32)
    {
        if (length <= byte.MaxValue)
        {
            Span<byte> span = output.GetSpan(2);
            span[0] = code8;
            span[1] = (byte)length;
            output.Advance(2);
        }
        else
        {
            WriteLength16Or32(output, length, code16, code32);
        }
    }

    private static void WriteLength16Or32(IBufferWriter<byte> output, int length, byte code16, byte code32)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length <= ushort.MaxValue)
        {
            Span<byte> span = output.GetSpan(3);
            span[0] = code16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)length);
            output.Advance(3);
        }
        else
        {
            Span<byte> span = output.GetSpan(5);
            span[0] = code32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
            output.Advance(5);
        }
    }

    private static void WriteByte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private static void WriteRaw(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }
}
