using System.Buffers.Text;
using System.Globalization;

namespace Quetz.Conda.Archives;

/// <summary>
/// Follows the block structure of a tar stream as its bytes pass to <see cref="System.Formats.Tar.TarReader"/>,
/// one step ahead of it: it sees every header before the reader does, and refuses a PAX extended header or GNU
/// long name that announces more than the metadata limit, which the reader would otherwise allocate whole before
/// reading a byte of it. It also tells whether the stream ended with the end-of-archive marker.
/// </summary>
/// <remarks>It mirrors the reader's rules: links, directories, devices and FIFOs have no data; a PAX <c>size</c>
/// record overrides the next header's size; a header with a wrong checksum ends the tracking (the reader throws).</remarks>
internal sealed class TarHeaderSentinel(long maxMetadataBytes)
{
    private const int BlockSize = 512;
    private readonly byte[] _header = new byte[BlockSize];
    private int _headerFill;
    private long _position;
    private long _nextHeader;
    private bool _stopped;
    private long? _paxSize;
    private byte[]? _pax;
    private long _paxStart;
    private int _paxFill;

    /// <summary>Whether a zero block (the end-of-archive marker) has passed.</summary>
    public bool SawEndMarker { get; private set; }

    /// <summary>
    /// Whether the stream ended cleanly after a member without an end-of-archive marker: the sentinel still
    /// followed the structure (no unreadable header came) and no zero block passed.
    /// </summary>
    public bool EndedWithoutMarker => !_stopped && !SawEndMarker && _headerFill == 0 && _position == _nextHeader;

    public void Observe(ReadOnlySpan<byte> data)
    {
        long start = _position;
        long end = start + data.Length;
        _position = end;
        while (true)
        {
            if (_pax is not null)
            {
                CapturePax(data, start, end);
            }

            if (_stopped || _nextHeader >= end)
            {
                return;
            }

            int offset = (int)(_nextHeader + _headerFill - start);
            int take = Math.Min(BlockSize - _headerFill, data.Length - offset);
            data.Slice(offset, take).CopyTo(_header.AsSpan(_headerFill));
            _headerFill += take;
            if (_headerFill < BlockSize)
            {
                return;
            }

            _headerFill = 0;
            ParseHeader();
        }
    }

    private void ParseHeader()
    {
        ReadOnlySpan<byte> header = _header;
        if (!header.ContainsAnyExcept((byte)0))
        {
            SawEndMarker = true;
            _stopped = true;
            return;
        }

        if (!ChecksumMatches(header) || !TryParseNumber(header.Slice(124, 12), out long size) || size < 0)
        {
            _stopped = true;
            return;
        }

        long headerStart = _nextHeader;
        char type = (char)header[156];
        long dataSize;
        switch (type)
        {
            case 'x' or 'g' or 'L' or 'K':
                if (size > maxMetadataBytes)
                {
                    throw new InvalidPackageException(string.Create(
                        CultureInfo.InvariantCulture, $"tar header of type '{type}' announces {size} bytes, more than the limit of {maxMetadataBytes}"));
                }

                if (type == 'x' && size > 0)
                {
                    _pax = new byte[size];
                    _paxStart = headerStart + BlockSize;
                    _paxFill = 0;
                }

                dataSize = size;
                break;
            case '1' or '2' or '3' or '4' or '5' or '6':
                dataSize = 0;
                _paxSize = null;
                break;
            default:
                dataSize = _paxSize ?? size;
                _paxSize = null;
                break;
        }

        _nextHeader = headerStart + BlockSize + ((dataSize + BlockSize - 1) & ~(long)(BlockSize - 1));
    }

    private void CapturePax(ReadOnlySpan<byte> data, long start, long end)
    {
        long from = Math.Max(start, _paxStart + _paxFill);
        long to = Math.Min(end, _paxStart + _pax!.Length);
        if (from < to)
        {
            data.Slice((int)(from - start), (int)(to - from)).CopyTo(_pax.AsSpan(_paxFill));
            _paxFill += (int)(to - from);
        }

        if (_paxFill == _pax.Length)
        {
            if (!TryFindPaxSize(_pax, out _paxSize))
            {
                _stopped = true;
            }

            _pax = null;
        }
    }

    // PAX records are "<length> <key>=<value>\n"; only "size" matters here.
    private static bool TryFindPaxSize(ReadOnlySpan<byte> records, out long? size)
    {
        size = null;
        while (!records.IsEmpty)
        {
            int space = records.IndexOf((byte)' ');
            if (space <= 0 || !Utf8Parser.TryParse(records[..space], out int length, out int consumed) || consumed != space
                || length <= space + 1 || length > records.Length || records[length - 1] != (byte)'\n')
            {
                return false;
            }

            ReadOnlySpan<byte> record = records[(space + 1)..(length - 1)];
            int equals = record.IndexOf((byte)'=');
            if (equals < 0)
            {
                return false;
            }

            if (record[..equals].SequenceEqual("size"u8))
            {
                if (!Utf8Parser.TryParse(record[(equals + 1)..], out long value, out int used) || used != record.Length - equals - 1 || value < 0)
                {
                    return false;
                }

                size = value;
            }

            records = records[length..];
        }

        return true;
    }

    private static bool ChecksumMatches(ReadOnlySpan<byte> header)
    {
        if (!TryParseNumber(header.Slice(148, 8), out long stored))
        {
            return false;
        }

        long sum = 8 * ' ';
        for (int i = 0; i < BlockSize; i++)
        {
            if (i < 148 || i >= 156)
            {
                sum += header[i];
            }
        }

        return sum == stored;
    }

    // An octal field (NUL- or space-terminated, leading spaces allowed) or GNU's base-256 form.
    private static bool TryParseNumber(ReadOnlySpan<byte> field, out long value)
    {
        value = 0;
        if ((field[0] & 0x80) != 0)
        {
            if (field[0] != 0x80)
            {
                return false;
            }

            for (int i = 1; i < field.Length; i++)
            {
                if (value > (long.MaxValue >> 8))
                {
                    return false;
                }

                value = (value << 8) | field[i];
            }

            return true;
        }

        int index = 0;
        while (index < field.Length && field[index] == (byte)' ')
        {
            index++;
        }

        for (; index < field.Length && field[index] is >= (byte)'0' and <= (byte)'7'; index++)
        {
            if (value > (long.MaxValue >> 3))
            {
                return false;
            }

            value = (value << 3) | (uint)(field[index] - '0');
        }

        return index == field.Length || field[index] is 0 or (byte)' ';
    }
}
