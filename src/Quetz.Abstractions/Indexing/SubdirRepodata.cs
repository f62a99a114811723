using System.Text.Json.Nodes;
using Quetz.Conda.Repodata;

namespace Quetz.Abstractions.Indexing;

/// <summary>
/// One subdir's repodata while it is being indexed. Records are parsed only when a transformer reads them, so a
/// transformer that touches a few records of a large subdir costs little; a changed record must be stored back
/// through the dictionary's indexer (records handed out are copies). The host implements it; plugins only use it.
/// </summary>
public abstract class SubdirRepodata
{
    /// <summary>The channel.</summary>
    public abstract string Channel { get; }

    /// <summary>The subdir, for example <c>linux-64</c>.</summary>
    public abstract string Subdir { get; }

    /// <summary>The <c>packages</c> section (<c>.tar.bz2</c> files), by file name.</summary>
    public abstract IDictionary<string, RepodataRecord> Packages { get; }

    /// <summary>The <c>packages.conda</c> section, by file name.</summary>
    public abstract IDictionary<string, RepodataRecord> CondaPackages { get; }

    /// <summary>The <c>removed</c> section: file names clients must no longer install.</summary>
    public abstract ISet<string> Removed { get; }

    /// <summary>Top-level keys written after the standard ones, for example <c>signatures</c>.</summary>
    public abstract JsonObject Extra { get; }

    /// <summary>
    /// Publishes <paramref name="content"/> as <paramref name="fileName"/> (a plain name, no folders) next to
    /// <c>repodata.json</c> in the same build; files of transformers that only derive files are also listed on the
    /// subdir's index page. A file added by an earlier build and not by this one stays as it was. Package files,
    /// the host's own index files (<c>repodata.json*</c>, <c>repodata_shards*</c>, <c>index.html</c>) and paths are
    /// refused with <see cref="ArgumentException"/>, here and in <see cref="RemoveFile"/>.
    /// </summary>
    public abstract void AddFile(string fileName, ReadOnlyMemory<byte> content);

    /// <summary>
    /// Withdraws <paramref name="fileName"/>, a file an earlier build published through <see cref="AddFile"/> and this
    /// one no longer has (the inputs it came from are gone): it is deleted once this build's <c>repodata.json</c> is
    /// published. Nothing happens when there is no such file. Added in contract version 1.1.
    /// </summary>
    public abstract void RemoveFile(string fileName);

    /// <summary>Writes the repodata as it stands now, in the exact bytes the host would publish.</summary>
    public abstract Task WriteJsonAsync(Stream output, CancellationToken cancellationToken);
}
