using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Quetz.Abstractions.Data;
using Quetz.Abstractions.Indexing;
using Quetz.Abstractions.Plugins;
using Quetz.Plugins.ContentTrust.Api;
using Quetz.Plugins.ContentTrust.Data;
using Quetz.Plugins.ContentTrust.Roles;
using Quetz.Plugins.ContentTrust.Signing;

namespace Quetz.Plugins.ContentTrust;

/// <summary>
/// conda's signed repodata (conda-content-trust): channel owners upload the root, key_mgr and pkg_mgr role files,
/// which the channel publishes for clients, and once key_mgr delegates pkg_mgr to a key generated here, every
/// record of the channel's repodata is signed with it at indexing time.
/// </summary>
public sealed class ContentTrustPlugin : IQuetzPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        services.AddPluginDbContext<ContentTrustDbContext, SqliteContentTrustDbContext, PostgresContentTrustDbContext>(context);
        services.AddSingleton<ChannelKeyCache>();
        services.AddScoped<RoleService>();
        services.AddScoped<IRepodataTransformer, RepodataSigner>();
    }

    public void MapRoutes(IEndpointRouteBuilder routes)
    {
        routes.MapRolesApi();
        routes.MapKeysApi();
    }
}
