using Quetz.Abstractions.Data;
using Quetz.Abstractions.Identity;
using Quetz.Abstractions.Indexing;
using Quetz.Abstractions.Jobs;
using Quetz.Abstractions.Packages;
using Quetz.Abstractions.Storage;

namespace Quetz.Host.Plugins;

/// <summary>The names operators see for what a plugin contributes (<c>quetz plugin list</c>, <c>GET /api/plugins</c>).</summary>
internal static class ExtensionPoints
{
    public const string Routes = "routes";

    private static readonly Dictionary<Type, string> ByService = new()
    {
        [typeof(IAuthenticator)] = "authenticator",
        [typeof(IPackageStore)] = "package_store",
        [typeof(IPostUploadHook)] = "post_upload_hook",
        [typeof(IPackageRemovedHook)] = "package_removed_hook",
        [typeof(INewPackageValidator)] = "new_package_validator",
        [typeof(IServerRoleCheck)] = "server_role_check",
        [typeof(IRepodataTransformer)] = "repodata_transformer",
        [typeof(IPackageVersionJob)] = "package_version_job",
        [typeof(IPluginJob)] = "job",
        [typeof(IPluginMigrations)] = "database",
    };

    /// <summary>The extension point a service registration provides, if any.</summary>
    public static string? Of(ServiceDescriptor descriptor) => ByService.GetValueOrDefault(descriptor.ServiceType);
}
