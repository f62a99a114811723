using Quetz.Abstractions.Identity;
using Quetz.Abstractions.Indexing;
using Quetz.Abstractions.Jobs;
using Quetz.Abstractions.Packages;
using Quetz.Host.Identity;
using Quetz.Host.Indexing;
using Quetz.Host.Jobs;
using Quetz.Host.Packages;
using Quetz.Host.Upload;

namespace Quetz.Host.Plugins;

internal static class PluginHostServices
{
    /// <summary>The host services the contract promises plugins, and the jobs that call plugins' extension points.</summary>
    public static IServiceCollection AddQuetzPluginHostServices(this IServiceCollection services)
    {
        services.AddScoped<IQuetzAuthorization, QuetzAuthorization>();
        services.AddScoped<ISignIn, SignIn>();
        services.AddScoped<IPackageCatalog, PackageCatalog>();
        services.AddScoped<IPackageVersionImporter, PackageVersionImporter>();
        services.AddScoped<IIndexRequests, IndexRequests>();
        services.AddSingleton<IPluginJobQueue, PluginJobQueue>();
        services.AddScoped<PluginJobDispatcher>();
        services.AddSingleton<PackageHookScheduler>();
        services.AddScoped<PostUploadJobs>();
        services.AddScoped<PackageRemovedJobs>();
        return services;
    }
}
