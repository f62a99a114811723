using System.Globalization;
using System.Net;
using System.Text;

namespace Quetz.Host.Indexing;

/// <summary>The HTML index pages of a channel and of its subdirs, as quetz and conda-index publish them.</summary>
internal static class IndexPages
{
    public static byte[] Subdir(string channel, string subdir, IEnumerable<IndexedFile> files, DateTimeOffset updated)
    {
        var html = new StringBuilder(4096);
        Head(html, $"{channel}/{subdir}");
        html.Append("<table><tr><th>Filename</th><th>Size</th><th>Last Modified</th><th>SHA256</th><th>MD5</th></tr>\n");
        foreach (var name in new[] { "repodata.json", "repodata.json.bz2", "repodata.json.zst", "repodata.json.gz" })
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td><a href=\"{name}\">{name}</a></td><td></td><td></td><td></td><td></td></tr>\n");
        }

        foreach (var file in files.OrderBy(f => f.Filename, StringComparer.Ordinal))
        {
            var name = WebUtility.HtmlEncode(file.Filename);
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td><a href=\"{Uri.EscapeDataString(file.Filename)}\">{name}</a></td><td>{file.Size}</td><td>{file.TimeModified:yyyy-MM-dd HH:mm:ss}</td><td>{file.Sha256}</td><td>{file.Md5}</td></tr>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"</table>\n<p>Updated: {updated:yyyy-MM-dd HH:mm:ss} UTC</p>\n</body>\n</html>\n");
        return Encoding.UTF8.GetBytes(html.ToString());
    }

    public static byte[] Channel(string channel, IEnumerable<string> subdirs, IEnumerable<(string Name, string? Version, string? Summary)> packages,
        DateTimeOffset updated)
    {
        var html = new StringBuilder(4096);
        Head(html, channel);
        html.Append("<p><a href=\"channeldata.json\">channeldata.json</a></p>\n<ul>\n");
        foreach (var subdir in subdirs)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{subdir}/\">{subdir}</a></li>\n");
        }

        html.Append("</ul>\n<table><tr><th>Package</th><th>Latest Version</th><th>Summary</th></tr>\n");
        foreach (var (name, version, summary) in packages)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{WebUtility.HtmlEncode(name)}</td><td>{WebUtility.HtmlEncode(version ?? "")}</td><td>{WebUtility.HtmlEncode(summary ?? "")}</td></tr>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"</table>\n<p>Updated: {updated:yyyy-MM-dd HH:mm:ss} UTC</p>\n</body>\n</html>\n");
        return Encoding.UTF8.GetBytes(html.ToString());
    }

    private static void Head(StringBuilder html, string title) =>
        html.Append(CultureInfo.InvariantCulture,
            $"<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title></head>\n<body>\n<h2>{WebUtility.HtmlEncode(title)}</h2>\n");
}
