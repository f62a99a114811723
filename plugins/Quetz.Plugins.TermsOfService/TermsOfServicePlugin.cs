using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Quetz.Abstractions.Data;
using Quetz.Abstractions.Identity;
using Quetz.Abstractions.Plugins;
using Quetz.Plugins.TermsOfService.Data;

namespace Quetz.Plugins.TermsOfService;

/// <summary>
/// quetz_tos: server owners publish terms of service (one text per language), users sign them, and a server
/// maintainer or member who has not signed the newest terms is refused whatever that server role would grant.
/// </summary>
public sealed class TermsOfServicePlugin : IQuetzPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        services.AddSingleton(TermsOptions.From(context.Settings));
        services.AddPluginDbContext<TermsDbContext, SqliteTermsDbContext, PostgresTermsDbContext>(context);
        services.AddScoped<TermsStore>();
        services.AddScoped<IServerRoleCheck, SignedTermsCheck>();
    }

    public void MapRoutes(IEndpointRouteBuilder routes) => TermsApi.Map(routes);
}
