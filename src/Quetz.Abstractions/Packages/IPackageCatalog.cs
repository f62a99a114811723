namespace Quetz.Abstractions.Packages;

/// <summary>Reads the host's package versions. Provided by the host.</summary>
public interface IPackageCatalog
{
    /// <summary>Every file of <paramref name="packageName"/> in <paramref name="channel"/>, newest version first.</summary>
    Task<IReadOnlyList<PackageVersionInfo>> GetVersionsAsync(string channel, string packageName, CancellationToken cancellationToken);

    /// <summary>One file, or null.</summary>
    Task<PackageVersionInfo?> GetVersionAsync(string channel, string platform, string filename, CancellationToken cancellationToken);
}
