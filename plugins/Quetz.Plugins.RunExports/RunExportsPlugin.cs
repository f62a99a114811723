using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Quetz.Abstractions.Data;
using Quetz.Abstractions.Indexing;
using Quetz.Abstractions.Packages;
using Quetz.Abstractions.Plugins;
using Quetz.Plugins.RunExports.Data;

namespace Quetz.Plugins.RunExports;

/// <summary>
/// quetz's <c>quetz-runexports</c>: keeps each package file's <c>info/run_exports.json</c>, answers it per file
/// over the API and publishes conda-index's per-subdir <c>run_exports.json</c> (with a <c>.zst</c> sibling).
/// </summary>
public sealed class RunExportsPlugin : IQuetzPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        services.AddPluginDbContext<RunExportsDbContext, SqliteRunExportsDbContext, PostgresRunExportsDbContext>(context);
        services.AddScoped<RunExportsRepository>();
        services.AddScoped<IPostUploadHook, RunExportsUploadHook>();
        services.AddScoped<IRepodataTransformer, RunExportsTransformer>();
    }

    public void MapRoutes(IEndpointRouteBuilder routes) => RunExportsEndpoint.Map(routes);
}
