using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Quetz.Conda.Repodata;

namespace Quetz.Host.Indexing;

/// <summary>
/// One repodata section for transformers: the serialised records stay as they are until a transformer reads one,
/// and only read or stored records are serialised again, so a transformer touching a few records of a 100k-record
/// subdir costs a few parses.
/// </summary>
internal sealed class LazyRecords(IReadOnlyDictionary<string, ReadOnlyMemory<byte>> source) : IDictionary<string, RepodataRecord>
{
    /// <summary>Records read or stored (null: removed), by file name.</summary>
    private readonly Dictionary<string, RepodataRecord?> _touched = new(StringComparer.Ordinal);

    public RepodataRecord this[string key]
    {
        get => TryGetValue(key, out var record) ? record : throw new KeyNotFoundException(key);
        set => _touched[key] = value ?? throw new ArgumentNullException(nameof(value));
    }

    public ICollection<string> Keys => [.. Entries().Select(e => e.Key)];

    public ICollection<RepodataRecord> Values => [.. Keys.Select(k => this[k])];

    public int Count => Keys.Count;

    public bool IsReadOnly => false;

    public void Add(string key, RepodataRecord value)
    {
        if (ContainsKey(key))
        {
            throw new ArgumentException($"{key} is already in the section", nameof(key));
        }

        this[key] = value;
    }

    public void Add(KeyValuePair<string, RepodataRecord> item) => Add(item.Key, item.Value);

    public void Clear()
    {
        foreach (var key in Keys)
        {
            _touched[key] = null;
        }
    }

    public bool Contains(KeyValuePair<string, RepodataRecord> item) => TryGetValue(item.Key, out var r) && ReferenceEquals(r, item.Value);

    public bool ContainsKey(string key) => _touched.TryGetValue(key, out var r) ? r is not null : source.ContainsKey(key);

    public void CopyTo(KeyValuePair<string, RepodataRecord>[] array, int arrayIndex)
    {
        foreach (var pair in this)
        {
            array[arrayIndex++] = pair;
        }
    }

    public IEnumerator<KeyValuePair<string, RepodataRecord>> GetEnumerator()
    {
        foreach (var key in Keys)
        {
            yield return new(key, this[key]);
        }
    }

    public bool Remove(string key)
    {
        var present = ContainsKey(key);
        if (present)
        {
            _touched[key] = null;
        }

        return present;
    }

    public bool Remove(KeyValuePair<string, RepodataRecord> item) => Contains(item) && Remove(item.Key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out RepodataRecord value)
    {
        if (_touched.TryGetValue(key, out var touched))
        {
            value = touched;
            return touched is not null;
        }

        if (!source.TryGetValue(key, out var bytes))
        {
            value = null;
            return false;
        }

        value = RepodataRecord.Parse(bytes.Span);
        _touched[key] = value;
        return true;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>File names a transformer read, stored or removed.</summary>
    public IEnumerable<string> TouchedKeys => _touched.Keys;

    /// <summary>One record as it stands, serialised; false when the section does not hold it.</summary>
    public bool TryGetSerialized(string key, out ReadOnlyMemory<byte> record)
    {
        if (_touched.TryGetValue(key, out var touched))
        {
            record = touched is null ? default : RepodataWriter.SerializeRecord(touched);
            return touched is not null;
        }

        return source.TryGetValue(key, out record);
    }

    /// <summary>The section as it stands: untouched records as their original bytes, touched ones serialised again.</summary>
    public IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> Serialized() =>
        Entries().Select(e => e.Value is { } record ? new KeyValuePair<string, ReadOnlyMemory<byte>>(e.Key, RepodataWriter.SerializeRecord(record)) : new(e.Key, source[e.Key]));

    /// <summary>File names in order with the touched record, or null for an untouched one.</summary>
    private IEnumerable<KeyValuePair<string, RepodataRecord?>> Entries()
    {
        var names = new SortedSet<string>(source.Keys, CodePointComparer.Instance);
        names.UnionWith(_touched.Keys);
        foreach (var name in names)
        {
            if (_touched.TryGetValue(name, out var record))
            {
                if (record is not null)
                {
                    yield return new(name, record);
                }
            }
            else
            {
                yield return new(name, null);
            }
        }
    }
}
