using Quetz.Conda.Archives;

namespace Quetz.Abstractions.Packages;

/// <summary>A package about to be created in a channel.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Name">The package name.</param>
/// <param name="Metadata">The uploaded file's metadata, or null when the package is created without a file (<c>POST /api/channels/{c}/packages</c>).</param>
public sealed record NewPackage(string Channel, string Name, PackageMetadata? Metadata);
