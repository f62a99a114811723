namespace Quetz.Abstractions.Packages;

/// <summary>Adds a package file to a channel as an upload would. Provided by the host.</summary>
public interface IPackageVersionImporter
{
    /// <summary>
    /// Validates <paramref name="content"/> (a <c>.tar.bz2</c> or <c>.conda</c> named <paramref name="filename"/>),
    /// stores it, records the version credited to <paramref name="uploaderId"/>, runs the post-upload hooks and
    /// re-indexes its subdir. An invalid package throws <see cref="Http.QuetzHttpException"/> and leaves nothing
    /// behind; an existing file is replaced only when <paramref name="force"/> is set (409 otherwise).
    /// </summary>
    Task<PackageVersionInfo> ImportAsync(string channel, string filename, Stream content, Guid uploaderId, bool force, CancellationToken cancellationToken);
}
