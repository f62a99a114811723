using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pluralize.NET;
using Quetz.Abstractions.Plugins;

namespace Quetz.Plugin.Sample;

/// <summary>The entry class the host finds: binds the settings and maps <c>GET /api/sample/hello</c>.</summary>
public sealed class SamplePlugin : IQuetzPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        services.AddOptions<SampleOptions>().Bind(context.Settings);
        services.AddSingleton<Pluralizer>();
    }

    public void MapRoutes(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/sample/hello", (string? name, int? count, IOptions<SampleOptions> options, Pluralizer words) =>
        {
            var n = count ?? 1;
            var thing = words.Format(name ?? "channel", n, inclusive: true);
            return Results.Json(new { greeting = $"{options.Value.Greeting}, {thing}!", library = typeof(Pluralizer).Assembly.GetName().Name });
        });
}
