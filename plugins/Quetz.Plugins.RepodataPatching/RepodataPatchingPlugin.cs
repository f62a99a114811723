using Microsoft.Extensions.DependencyInjection;
using Quetz.Abstractions.Indexing;
using Quetz.Abstractions.Packages;
using Quetz.Abstractions.Plugins;

namespace Quetz.Plugins.RepodataPatching;

/// <summary>
/// quetz's <c>repodata_patching</c> plugin: a channel's <c>{channel}-repodata-patches</c> package (conda-forge's patch
/// instruction format) changes the records of every subdir before <c>repodata.json</c> is published, and the
/// unpatched index stays available as <c>repodata_from_packages.json</c>.
/// </summary>
public sealed class RepodataPatchingPlugin : IQuetzPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        services.AddOptions<RepodataPatchingOptions>().Bind(context.Settings);
        services.AddSingleton<PatchInstructionsCache>();
        services.AddScoped<PatchInstructionsSource>();
        services.AddScoped<IRepodataTransformer, RepodataPatchingTransformer>();
        services.AddScoped<IPostUploadHook, PatchesUploadedHook>();
        services.AddScoped<IPackageRemovedHook, PatchesRemovedHook>();
    }
}
