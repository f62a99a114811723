namespace Quetz.Abstractions.Packages;

/// <summary>
/// Decides whether a new package may be created (quetz's <c>validate_new_package</c>). Called before the package
/// row exists, for uploads of a new package's first file and for packages created through the API; throw
/// <see cref="Http.QuetzHttpException"/> (422 for an invalid package) to refuse, and nothing is stored.
/// </summary>
public interface INewPackageValidator
{
    /// <summary>Throws to refuse <paramref name="package"/>.</summary>
    Task ValidateAsync(NewPackage package, CancellationToken cancellationToken);
}
