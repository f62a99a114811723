using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Quetz.Abstractions.Plugins;

/// <summary>
/// The entry class of a plugin. The host finds the one public, non-abstract class implementing it in the plugin's
/// main assembly, creates it with its parameterless constructor, calls <see cref="ConfigureServices"/> while it
/// builds its services and <see cref="MapRoutes"/> once the application exists.
/// </summary>
/// <remarks>
/// A plugin contributes by registering implementations of the extension points in <c>services</c>:
/// <see cref="Identity.IAuthenticator"/>, <see cref="Storage.IPackageStore"/>,
/// <see cref="Packages.IPostUploadHook"/>, <see cref="Packages.INewPackageValidator"/>,
/// <see cref="Identity.IServerRoleCheck"/>, <see cref="Indexing.IRepodataTransformer"/>,
/// <see cref="Jobs.IPackageVersionJob"/> and <see cref="Jobs.IPluginJob"/>. It reaches the host through the
/// services the host registers: <see cref="Identity.IQuetzAuthorization"/>, <see cref="Identity.ISignIn"/>,
/// <see cref="Packages.IPackageVersionImporter"/>, <see cref="Indexing.IIndexRequests"/>,
/// <see cref="Jobs.IPluginJobQueue"/>, <see cref="Storage.IPackageStore"/> and <see cref="TimeProvider"/>.
/// </remarks>
public interface IQuetzPlugin
{
    /// <summary>
    /// Registers the plugin's services and extension points. <paramref name="context"/> carries the plugin's
    /// settings from <c>plugins.toml</c> and the host's database.
    /// </summary>
    void ConfigureServices(IServiceCollection services, PluginContext context);

    /// <summary>
    /// Maps the plugin's HTTP endpoints, for example under <c>/api/&lt;plugin&gt;/</c>. Errors thrown as
    /// <see cref="Http.QuetzHttpException"/> are answered in quetz's <c>{"detail": …}</c> shape.
    /// </summary>
    void MapRoutes(IEndpointRouteBuilder routes)
    {
    }
}
