using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Quetz.Abstractions.Data;
using Quetz.Abstractions.Identity;
using Quetz.Abstractions.Plugins;
using Quetz.Plugins.SqlAuthenticator.Data;

namespace Quetz.Plugins.SqlAuthenticator;

/// <summary>
/// quetz-sql-authenticator: user names and passwords kept in the server's own database, managed by server owners
/// and maintainers, with a login form; passwords stored as PBKDF2 derived keys and failed logins limited per user
/// and per client address.
/// </summary>
public sealed class SqlAuthenticatorPlugin : IQuetzPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        services.AddSingleton(SqlAuthOptions.From(context.Settings));
        services.AddPluginDbContext<SqlAuthDbContext, SqliteSqlAuthDbContext, PostgresSqlAuthDbContext>(context);
        services.AddScoped<LoginThrottle>();
        services.AddSingleton<IAuthenticator, SqlAuthenticator>();
    }

    public void MapRoutes(IEndpointRouteBuilder routes)
    {
        LoginEndpoints.Map(routes);
        CredentialsApi.Map(routes);
    }
}
