namespace Quetz.Conda;

/// <summary>
/// The parts of a channel reference, following conda's <c>Channel</c> with its default
/// configuration: channel alias <c>https://conda.anaconda.org</c>, and the <c>defaults</c>
/// multichannel made of <c>pkgs/main</c> and <c>pkgs/r</c> on <c>https://repo.anaconda.com</c>.
/// </summary>
internal sealed class ChannelInfo
{
    private const string DefaultsName = "defaults";
    private const string ChannelAliasHost = "conda.anaconda.org";
    private const string DefaultChannelsUrl = "https://repo.anaconda.com";

    private static readonly HashSet<string> KnownSubdirs = new(StringComparer.Ordinal)
    {
        "noarch", "emscripten-wasm32", "wasi-wasm32", "freebsd-64", "linux-32", "linux-64",
        "linux-aarch64", "linux-armv6l", "linux-armv7l", "linux-ppc64", "linux-ppc64le",
        "linux-riscv64", "linux-s390x", "osx-64", "osx-arm64", "win-32", "win-64", "win-arm64", "zos-z",
    };

    private static readonly HashSet<string> DefaultChannelNames = new(StringComparer.Ordinal) { "pkgs/main", "pkgs/r" };

    private ChannelInfo(string name, string canonicalName, string? baseUrl, string? subdir, string? packageFileName, bool isNonAliasUrl)
    {
        Name = name;
        CanonicalName = canonicalName;
        BaseUrl = baseUrl;
        Subdir = subdir;
        PackageFileName = packageFileName;
        IsNonAliasUrl = isNonAliasUrl;
    }

    /// <summary>The channel's name, e.g. <c>conda-forge</c> or <c>pkgs/main</c>.</summary>
    public string Name { get; }

    /// <summary>The name conda prints: a multichannel name, an alias channel's name, or the full URL.</summary>
    public string CanonicalName { get; }

    /// <summary>The channel's URL without subdir, when it has one.</summary>
    public string? BaseUrl { get; }

    /// <summary>The subdir named by the reference (<c>conda-forge/linux-64</c>), if any.</summary>
    public string? Subdir { get; }

    /// <summary>The package file name at the end of a package URL, if any.</summary>
    public string? PackageFileName { get; }

    /// <summary>Whether the reference is a URL on a host other than the channel alias.</summary>
    public bool IsNonAliasUrl { get; }

    public static bool IsUrl(string value) => value.Contains("://", StringComparison.Ordinal);

    public static ChannelInfo Parse(string value)
    {
        value = value.Trim();
        if (LooksLikePath(value))
        {
            value = FileUrl.FromPath(value);
        }

        return IsUrl(value) ? ParseUrl(value) : ParseName(value);
    }

    /// <summary>
    /// The channel and subdir a spec's channel part stands for (conda's <c>_parse_channel</c>):
    /// URLs off the channel alias keep their URL, everything else becomes its canonical name.
    /// </summary>
    public static (string? Channel, string? Subdir) ParseSpecChannel(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return (null, null);
        }

        ChannelInfo channel = Parse(value);
        if (IsUrl(value) && channel.IsNonAliasUrl)
        {
            return (channel.BaseUrl ?? channel.CanonicalName, channel.Subdir);
        }

        return (channel.CanonicalName, channel.Subdir);
    }

    private static bool LooksLikePath(string value) =>
        value.StartsWith('/') || value.StartsWith('~') || value.StartsWith("./", StringComparison.Ordinal)
        || value.StartsWith("../", StringComparison.Ordinal) || value.StartsWith('\\')
        || (value.Length > 2 && char.IsAsciiLetter(value[0]) && value[1] == ':' && value[2] is '\\' or '/');

    private static ChannelInfo ParseUrl(string url)
    {
        int schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        string scheme = url[..schemeEnd].ToLowerInvariant();
        string afterScheme = url[(schemeEnd + 3)..];
        int slash = afterScheme.IndexOf('/', StringComparison.Ordinal);
        string authority = slash < 0 ? afterScheme : afterScheme[..slash];
        string path = slash < 0 ? string.Empty : afterScheme[slash..];

        int at = authority.LastIndexOf('@');
        string host = (at >= 0 ? authority[(at + 1)..] : authority).ToLowerInvariant();

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
        if (segments.Count >= 2 && segments[0] == "t")
        {
            // Anaconda.org tokens (/t/<token>/...) are credentials, not part of the channel.
            segments.RemoveRange(0, 2);
        }

        string? packageFileName = null;
        if (segments.Count > 0 && PackageFileNames.HasPackageExtension(segments[^1]))
        {
            packageFileName = segments[^1];
            segments.RemoveAt(segments.Count - 1);
        }

        string? subdir = null;
        if (segments.Count > 0 && KnownSubdirs.Contains(segments[^1]))
        {
            subdir = segments[^1];
            segments.RemoveAt(segments.Count - 1);
        }

        string joined = string.Join('/', segments);
        string baseUrl = $"{scheme}://{host}" + (joined.Length > 0 ? "/" + joined : string.Empty);
        if (scheme is "http" or "https" && host == ChannelAliasHost)
        {
            return new ChannelInfo(joined, joined, baseUrl, subdir, packageFileName, isNonAliasUrl: false);
        }

        // file:// channels are named by their last path segment; other hosts by their whole path.
        string name = scheme == "file" && segments.Count > 0 ? segments[^1] : joined;
        string canonical = DefaultChannelNames.Contains(name) ? DefaultsName : baseUrl;
        return new ChannelInfo(name, canonical, baseUrl, subdir, packageFileName, isNonAliasUrl: true);
    }

    private static ChannelInfo ParseName(string value)
    {
        var segments = value.Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        string? subdir = null;
        if (segments.Count >= 2 && KnownSubdirs.Contains(segments[^1]))
        {
            subdir = segments[^1];
            segments.RemoveAt(segments.Count - 1);
        }

        string name = string.Join('/', segments);
        if (name == DefaultsName)
        {
            return new ChannelInfo(name, DefaultsName, null, subdir, null, isNonAliasUrl: false);
        }

        if (DefaultChannelNames.Contains(name) || name.StartsWith("pkgs/pro", StringComparison.Ordinal))
        {
            string canonical = DefaultChannelNames.Contains(name) ? DefaultsName : name;
            return new ChannelInfo(name, canonical, $"{DefaultChannelsUrl}/{name}", subdir, null, isNonAliasUrl: false);
        }

        return new ChannelInfo(name, name, $"https://{ChannelAliasHost}/{name}", subdir, null, isNonAliasUrl: false);
    }
}
