using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Quetz.Abstractions.Plugins;

namespace Quetz.Fixtures.OlderContract;

/// <summary>A plugin compiled against Quetz.Abstractions 1.0.0, which a host with a later 1.x contract loads.</summary>
public sealed class OlderContractPlugin : IQuetzPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
    }

    public void MapRoutes(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/fixture-older-contract", () => Results.Text(typeof(IQuetzPlugin).Assembly.GetName().Version!.ToString(3)));
}
