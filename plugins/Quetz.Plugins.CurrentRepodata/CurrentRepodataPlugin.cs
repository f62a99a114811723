using Microsoft.Extensions.DependencyInjection;
using Quetz.Abstractions.Indexing;
using Quetz.Abstractions.Plugins;

namespace Quetz.Plugins.CurrentRepodata;

/// <summary>
/// quetz's <c>current_repodata</c> plugin: publishes <c>current_repodata.json</c> (with <c>.zst</c>, <c>.bz2</c> and
/// <c>.gz</c>) next to every subdir's <c>repodata.json</c>, the subset conda's classic solver tries first.
/// </summary>
public sealed class CurrentRepodataPlugin : IQuetzPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context) =>
        services.AddSingleton<IRepodataTransformer, CurrentRepodataTransformer>();
}
