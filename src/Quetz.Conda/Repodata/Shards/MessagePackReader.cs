using System.Buffers.Binary;
using System.Text;

namespace Quetz.Conda.Repodata.Shards;

/// <summary>
/// Reads MessagePack values from a span, checking every declared length against the bytes that are
/// left before using it, so hostile input costs no more memory than its own size.
/// </summary>
/// <remarks>
/// Errors are <see cref="InvalidShardException"/>s that name the byte offset. The reader never
/// recurses; callers that descend into arrays and maps keep their own depth.
/// </remarks>
internal ref struct MessagePackReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public MessagePackReader(ReadOnlySpan<byte> data)
    {
        _data = data;
    }

    /// <summary>The offset of the next value.</summary>
    public readonly int Position => _position;

    /// <summary>Whether every byte has been read.</summary>
    public readonly bool End => _position == _data.Length;

    public readonly MessagePackType PeekType()
    {
        if (End)
        {
            throw Error("expected a value, found the end of the data");
        }

        byte code = _data[_position];
        return code switch
        {
            <= 0x7f or >= 0xe0 => MessagePackType.Integer,
            <= 0x8f => MessagePackType.Map,
            <= 0x9f => MessagePackType.Array,
            <= 0xbf => MessagePackType.String,
            0xc0 => MessagePackType.Nil,
            0xc2 or 0xc3 => MessagePackType.Boolean,
            >= 0xc4 and <= 0xc6 => MessagePackType.Binary,
            >= 0xc7 and <= 0xc9 => MessagePackType.Extension,
            0xca or 0xcb => MessagePackType.Float,
            >= 0xcc and <= 0xd3 => MessagePackType.Integer,
            >= 0xd4 and <= 0xd8 => MessagePackType.Extension,
            >= 0xd9 and <= 0xdb => MessagePackType.String,
            0xdc or 0xdd => MessagePackType.Array,
            0xde or 0xdf => MessagePackType.Map,
            _ => throw Error($"0x{code:x2} is not a MessagePack type"),
        };
    }

    /// <summary>Reads a nil if one is next.</summary>
    public bool TryReadNil()
    {
        if (!End && _data[_position] == 0xc0)
        {
            _position++;
            return true;
        }

        return false;
    }

    public bool ReadBoolean() => Code("a boolean") switch
    {
        0xc2 => false,
        0xc3 => true,
        byte code => throw Mismatch("a boolean", code),
    };

    /// <summary>Reads any integer format; <see cref="Int128"/> holds both int64 and uint64.</summary>
    public Int128 ReadInteger()
    {
        byte code = Code("an integer");
        return code switch
        {
            <= 0x7f => code,
            >= 0xe0 => unchecked((sbyte)code),
            0xcc => Take(1)[0],
            0xcd => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            0xce => BinaryPrimitives.ReadUInt32BigEndian(Take(4)),
            0xcf => BinaryPrimitives.ReadUInt64BigEndian(Take(8)),
            0xd0 => unchecked((sbyte)Take(1)[0]),
            0xd1 => BinaryPrimitives.ReadInt16BigEndian(Take(2)),
            0xd2 => BinaryPrimitives.ReadInt32BigEndian(Take(4)),
            0xd3 => BinaryPrimitives.ReadInt64BigEndian(Take(8)),
            _ => throw Mismatch("an integer", code),
        };
    }

    public double ReadDouble() => Code("a float") switch
    {
        0xca => BinaryPrimitives.ReadSingleBigEndian(Take(4)),
        0xcb => BinaryPrimitives.ReadDoubleBigEndian(Take(8)),
        byte code => throw Mismatch("a float", code),
    };

    public string ReadString()
    {
        int start = _position;
        ReadOnlySpan<byte> utf8 = ReadStringBytes();
        try
        {
            return StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidShardException($"Invalid MessagePack at byte {start}: the string is not valid UTF-8.", e);
        }
    }

    public ReadOnlySpan<byte> ReadStringBytes()
    {
        byte code = Code("a string");
        int length = code switch
        {
            >= 0xa0 and <= 0xbf => code & 0x1f,
            0xd9 => Take(1)[0],
            0xda => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            0xdb => Length(BinaryPrimitives.ReadUInt32BigEndian(Take(4))),
            _ => throw Mismatch("a string", code),
        };
        return Take(length);
    }

    public ReadOnlySpan<byte> ReadBinary()
    {
        byte code = Code("bytes");
        int length = code switch
        {
            0xc4 => Take(1)[0],
            0xc5 => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            0xc6 => Length(BinaryPrimitives.ReadUInt32BigEndian(Take(4))),
            _ => throw Mismatch("bytes", code),
        };
        return Take(length);
    }

    /// <summary>Reads an array header; the count is at most the bytes left, one per element.</summary>
    public int ReadArrayHeader()
    {
        int start = _position;
        byte code = Code("an array");
        uint count = code switch
        {
            >= 0x90 and <= 0x9f => (uint)(code & 0x0f),
            0xdc => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            0xdd => BinaryPrimitives.ReadUInt32BigEndian(Take(4)),
            _ => throw Mismatch("an array", code),
        };
        return Count(count, 1, start);
    }

    /// <summary>Reads a map header; the count is at most half the bytes left, two per entry.</summary>
    public int ReadMapHeader()
    {
        int start = _position;
        byte code = Code("a map");
        uint count = code switch
        {
            >= 0x80 and <= 0x8f => (uint)(code & 0x0f),
            0xde => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            0xdf => BinaryPrimitives.ReadUInt32BigEndian(Take(4)),
            _ => throw Mismatch("a map", code),
        };
        return Count(count, 2, start);
    }

    /// <summary>Skips one value, however deeply nested, without recursion.</summary>
    public void Skip()
    {
        long pending = 1;
        while (pending > 0)
        {
            pending--;
            switch (PeekType())
            {
                case MessagePackType.Array:
                    pending += ReadArrayHeader();
                    break;
                case MessagePackType.Map:
                    pending += 2L * ReadMapHeader();
                    break;
                case MessagePackType.Extension:
                    SkipExtension();
                    break;
                default:
                    SkipScalar();
                    break;
            }
        }
    }

    /// <summary>An error at the current offset.</summary>
    public readonly InvalidShardException Error(string message) => new($"Invalid MessagePack at byte {_position}: {message}.");

    private void SkipScalar()
    {
        switch (PeekType())
        {
            case MessagePackType.Nil:
            case MessagePackType.Boolean:
                _position++;
                break;
            case MessagePackType.Integer:
                ReadInteger();
                break;
            case MessagePackType.Float:
                ReadDouble();
                break;
            case MessagePackType.String:
                ReadStringBytes();
                break;
            default:
                ReadBinary();
                break;
        }
    }

    private void SkipExtension()
    {
        byte code = Code("an extension");
        int length = code switch
        {
            0xd4 => 1,
            0xd5 => 2,
            0xd6 => 4,
            0xd7 => 8,
            0xd8 => 16,
            0xc7 => Take(1)[0],
            0xc8 => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            _ => Length(BinaryPrimitives.ReadUInt32BigEndian(Take(4))),
        };

        // The type byte, then the payload.
        Take(1 + length);
    }

    private byte Code(string expected)
    {
        if (End)
        {
            throw Error($"expected {expected}, found the end of the data");
        }

        return _data[_position++];
    }

    private ReadOnlySpan<byte> Take(int length)
    {
        if (length > _data.Length - _position)
        {
            throw Error($"{length} bytes declared but only {_data.Length - _position} left");
        }

        ReadOnlySpan<byte> span = _data.Slice(_position, length);
        _position += length;
        return span;
    }

    private readonly int Length(uint length) =>
        length <= int.MaxValue ? (int)length : throw Error($"{length} bytes declared but only {_data.Length - _position} left");

    private readonly int Count(uint count, int bytesPerItem, int start)
    {
        long left = _data.Length - _position;
        if (count * (long)bytesPerItem > left)
        {
            throw new InvalidShardException($"Invalid MessagePack at byte {start}: {count} items declared but only {left} bytes left.");
        }

        return (int)count;
    }

    private readonly InvalidShardException Mismatch(string expected, byte code) =>
        new($"Invalid MessagePack at byte {_position - 1}: expected {expected}, found 0x{code:x2}.");
}
