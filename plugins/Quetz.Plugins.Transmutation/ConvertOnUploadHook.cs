using Quetz.Abstractions.Packages;

namespace Quetz.Plugins.Transmutation;

/// <summary>With <c>convert_on_upload = true</c>: converts each new <c>.tar.bz2</c> in the host's post-upload job.</summary>
internal sealed class ConvertOnUploadHook(CondaConverter converter) : IPostUploadHook
{
    public Task OnPackageVersionAddedAsync(PackageVersionInfo version, CancellationToken cancellationToken) =>
        converter.ConvertAsync(version, cancellationToken);
}
