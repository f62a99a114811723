using System.Reflection;
using System.Runtime.Loader;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json;
using Quetz.Abstractions.Plugins;

namespace Quetz.Fixtures.JsonOld;

/// <summary>Reports which Newtonsoft.Json it runs with, by serializing through it.</summary>
public sealed class JsonOldPlugin : IQuetzPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
    }

    public void MapRoutes(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/fixture-json-old/version", () =>
        {
            var assembly = typeof(JsonConvert).Assembly;
            var body = JsonConvert.SerializeObject(new
            {
                version = assembly.GetCustomAttribute<AssemblyFileVersionAttribute>()?.Version,
                load_context = AssemblyLoadContext.GetLoadContext(assembly)?.Name,
            });
            return Results.Content(body, "application/json");
        });
}
