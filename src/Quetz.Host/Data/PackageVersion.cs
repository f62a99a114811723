namespace Quetz.Host.Data;

internal sealed class PackageVersion
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string ChannelName { get; set; } = "";
    public string PackageName { get; set; } = "";

    /// <summary>"tarbz2" or "conda", as quetz stores the format.</summary>
    public string PackageFormat { get; set; } = "";

    public string Platform { get; set; } = "";
    public string Version { get; set; } = "";
    public string BuildString { get; set; } = "";
    public int BuildNumber { get; set; }
    public long Size { get; set; }

    /// <summary>0 for the newest version of the package across formats and platforms, then 1, 2…</summary>
    public int VersionOrder { get; set; }

    public int DownloadCount { get; set; }
    public string Filename { get; set; } = "";

    /// <summary>The repodata record: index.json plus size, md5 and sha256 (JSON).</summary>
    public string Info { get; set; } = "{}";

    public Guid? UploaderId { get; set; }
    public User? Uploader { get; set; }
    public DateTime TimeCreated { get; set; }
    public DateTime TimeModified { get; set; }
}
