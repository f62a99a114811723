namespace Quetz.Host.Upload;

/// <summary>One package file as a route received it, already on disk in <see cref="TemporaryPath"/>.</summary>
/// <param name="FileName">The name the client gave, which must be name-version-build.tar.bz2|.conda.</param>
/// <param name="TemporaryPath">Where the bytes wait; the uploader deletes it.</param>
/// <param name="Sha256">Its SHA-256, hex.</param>
/// <param name="Md5">Its MD5, hex.</param>
/// <param name="Size">Its size in bytes.</param>
internal sealed record ReceivedFile(string FileName, string TemporaryPath, string Sha256, string Md5, long Size);

/// <summary>What differs between quetz's upload routes.</summary>
/// <param name="Force">Replace an existing file of the same name.</param>
/// <param name="RequiredPackage">For <c>/packages/{p}/files/</c>: the package every file must belong to.</param>
/// <param name="NameMismatchMessage">quetz words the file-name/index.json mismatch differently per route.</param>
/// <param name="AlreadyStored">The file is in the store already (reindex imports it); only the database is written.</param>
internal sealed record UploadOptions(bool Force, string? RequiredPackage, Func<string, string> NameMismatchMessage, bool AlreadyStored = false);
