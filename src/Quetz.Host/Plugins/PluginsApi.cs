using Quetz.Host.Http;
using Quetz.Host.Identity;

namespace Quetz.Host.Plugins;

/// <summary><c>GET /api/plugins</c>: what this host loaded, for server owners and maintainers.</summary>
internal static class PluginsApi
{
    public static void MapPluginsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/plugins", ListAsync).WithTags("plugins").Produces<List<PluginResponse>>().ProducesError(401, 403);

    private static async Task<IResult> ListAsync(AccessRules rules, PluginCatalog catalog, CancellationToken ct)
    {
        await rules.RequireServerRolesAsync([Roles.Owner, Roles.Maintainer], ct);
        return Results.Json(catalog.Plugins.Select(PluginResponse.From).ToList(), QuetzJson.Options);
    }
}

/// <summary>One loaded plugin.</summary>
internal sealed record PluginResponse(string Name, string Version, string Origin, string Assembly, IReadOnlyList<string> ExtensionPoints)
{
    public static PluginResponse From(LoadedPlugin plugin) =>
        new(plugin.Name, plugin.Version, plugin.Origin, plugin.Assembly.GetName().Name!, plugin.ExtensionPoints);
}
