using System.Formats.Tar;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Quetz.Conda.Archives;

/// <summary>Keeps the <c>info/</c> members quetz reads (last copy wins, as with tar extraction) and builds the metadata.</summary>
internal sealed class MetadataCollector(ArchiveLimits limits)
{
    private const string IndexPath = "info/index.json";
    private const string AboutPath = "info/about.json";
    private const string RunExportsPath = "info/run_exports.json";
    private const string PathsPath = "info/paths.json";
    private const string FilesPath = "info/files";
    private const string IconPath = "info/icon.png";

    private byte[]? _index;
    private byte[]? _about;
    private byte[]? _runExports;
    private byte[]? _paths;
    private byte[]? _files;
    private byte[]? _icon;

    public static bool Wants(string path) => path switch
    {
        IndexPath or AboutPath or RunExportsPath or PathsPath or FilesPath or IconPath => true,
        _ => false,
    };

    /// <summary>The buffering member handler for <see cref="TarComponentScanner"/>.</summary>
    public void OnMember(TarEntry entry, string path)
    {
        if (!Wants(path) || entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile))
        {
            return;
        }

        CheckSize(path, entry.Length, limits);
        byte[] content = TarComponentScanner.ReadAll(entry);
        switch (path)
        {
            case IndexPath: _index = content; break;
            case AboutPath: _about = content; break;
            case RunExportsPath: _runExports = content; break;
            case PathsPath: _paths = content; break;
            case FilesPath: _files = content; break;
            default: _icon = content; break;
        }
    }

    public static void CheckSize(string member, long length, ArchiveLimits limits)
    {
        if (length > limits.MaxMetadataMemberBytes)
        {
            throw new InvalidPackageException(string.Create(
                CultureInfo.InvariantCulture, $"{member} is larger than the limit of {limits.MaxMetadataMemberBytes} bytes"));
        }
    }

    public PackageMetadata Build()
    {
        if (_index is null)
        {
            throw new InvalidPackageException("info/index.json missing");
        }

        JsonObject index = JsonObjects.Parse(_index, IndexPath);
        PackageIndex.Validate(index);
        JsonObject? paths = _paths is null ? null : JsonObjects.Parse(_paths, PathsPath);
        return new PackageMetadata
        {
            Index = index,
            About = _about is null ? null : JsonObjects.Parse(_about, AboutPath),
            RunExports = _runExports is null ? null : JsonObjects.Parse(_runExports, RunExportsPath),
            Paths = paths,
            Files = _files is not null ? SplitLines(_files) : PathsOf(paths),
            Icon = _icon,
        };
    }

    private static List<string> SplitLines(byte[] utf8)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidPackageException("info/files is not valid UTF-8", e);
        }

        var lines = new List<string>();
        foreach (ReadOnlySpan<char> line in text.AsSpan().EnumerateLines())
        {
            if (!line.IsEmpty)
            {
                lines.Add(line.ToString());
            }
        }

        return lines;
    }

    private static List<string> PathsOf(JsonObject? paths)
    {
        var files = new List<string>();
        if (paths?["paths"] is JsonArray entries)
        {
            foreach (JsonNode? entry in entries)
            {
                if (entry is JsonObject obj && obj["_path"] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                {
                    files.Add(value.GetValue<string>());
                }
            }
        }

        return files;
    }
}
