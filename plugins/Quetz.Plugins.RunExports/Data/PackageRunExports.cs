namespace Quetz.Plugins.RunExports.Data;

/// <summary>
/// The <c>info/run_exports.json</c> of one package file. Keyed by the file's place in its channel because a plugin
/// cannot point a foreign key at the host's tables; <see cref="Sha256"/> ties the row to the exact file it was read
/// from, so a row left behind by a deleted or replaced file is never answered for its successor.
/// </summary>
internal sealed class PackageRunExports
{
    public string Channel { get; set; } = "";

    public string Platform { get; set; } = "";

    public string Filename { get; set; } = "";

    public string PackageName { get; set; } = "";

    /// <summary>The SHA-256 of the file the data was read from, lowercase hex.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>The run_exports object as compact JSON; <c>{}</c> for a package without the file, as quetz stores it.</summary>
    public string Data { get; set; } = "{}";
}
