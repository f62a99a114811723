using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Quetz.Conda.Repodata;

namespace Quetz.Host.Indexing;

/// <summary>
/// One repodata section for transformers: the serialised records stay as they are until a transformer reads one, and
/// only records it stores or removes count as changed and are serialised again, so a transformer that reads a 100k-record
/// subdir (signing) or changes a few records of it (patching) costs a parse per read and no more. Every read hands out
/// a fresh copy, so changing a record without storing it back changes nothing.
/// </summary>
internal sealed class LazyRecords(IReadOnlyDictionary<string, ReadOnlyMemory<byte>> source) : IDictionary<string, RepodataRecord>
{
    /// <summary>Records stored (or null: removed) by a transformer, by file name.</summary>
    private readonly Dictionary<string, RepodataRecord?> _changed = new(StringComparer.Ordinal);

    public RepodataRecord this[string key]
    {
        get => TryGetValue(key, out var record) ? record : throw new KeyNotFoundException(key);
        set => _changed[key] = value ?? throw new ArgumentNullException(nameof(value));
    }

    public ICollection<string> Keys => [.. Names()];

    public ICollection<RepodataRecord> Values => [.. Names().Select(k => this[k])];

    public int Count => Names().Count();

    public bool IsReadOnly => false;

    /// <summary>File names a transformer stored or removed.</summary>
    public IEnumerable<string> ChangedKeys => _changed.Keys;

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
        foreach (var key in Names().ToList())
        {
            _changed[key] = null;
        }
    }

    public bool Contains(KeyValuePair<string, RepodataRecord> item) =>
        TryGetSerialized(item.Key, out var record) && record.Span.SequenceEqual(RepodataWriter.SerializeRecord(item.Value));

    public bool ContainsKey(string key) => _changed.TryGetValue(key, out var r) ? r is not null : source.ContainsKey(key);

    public void CopyTo(KeyValuePair<string, RepodataRecord>[] array, int arrayIndex)
    {
        foreach (var pair in this)
        {
            array[arrayIndex++] = pair;
        }
    }

    public IEnumerator<KeyValuePair<string, RepodataRecord>> GetEnumerator()
    {
        foreach (var key in Names())
        {
            yield return new(key, this[key]);
        }
    }

    public bool Remove(string key)
    {
        var present = ContainsKey(key);
        if (present)
        {
            _changed[key] = null;
        }

        return present;
    }

    public bool Remove(KeyValuePair<string, RepodataRecord> item) => Contains(item) && Remove(item.Key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out RepodataRecord value)
    {
        if (_changed.TryGetValue(key, out var changed))
        {
            value = changed?.Clone();
            return changed is not null;
        }

        value = source.TryGetValue(key, out var bytes) ? RepodataRecord.Parse(bytes.Span) : null;
        return value is not null;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>One record as it stands, serialised; false when the section does not hold it.</summary>
    public bool TryGetSerialized(string key, out ReadOnlyMemory<byte> record)
    {
        if (_changed.TryGetValue(key, out var changed))
        {
            record = changed is null ? default : RepodataWriter.SerializeRecord(changed);
            return changed is not null;
        }

        return source.TryGetValue(key, out record);
    }

    /// <summary>The section as it stands: unchanged records as their original bytes, changed ones serialised again.</summary>
    public IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> Serialized()
    {
        foreach (var name in Names())
        {
            yield return _changed.TryGetValue(name, out var record)
                ? new(name, RepodataWriter.SerializeRecord(record!))
                : new(name, source[name]);
        }
    }

    /// <summary>The file names the section holds now, in code point order.</summary>
    private IEnumerable<string> Names()
    {
        var names = new SortedSet<string>(source.Keys, CodePointComparer.Instance);
        names.UnionWith(_changed.Keys);
        return names.Where(n => !_changed.TryGetValue(n, out var r) || r is not null);
    }
}
