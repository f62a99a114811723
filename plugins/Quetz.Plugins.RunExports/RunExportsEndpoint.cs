using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Quetz.Abstractions.Http;
using Quetz.Abstractions.Identity;
using Quetz.Abstractions.Packages;
using Quetz.Plugins.RunExports.Data;

namespace Quetz.Plugins.RunExports;

/// <summary>
/// <c>GET /api/channels/{channel}/packages/{package}/versions/{platform}/{filename}/run_exports</c>: the stored
/// run_exports of one file, as quetz's plugin answers it, but behind the channel's read check (quetz had none, so a
/// private channel's packages leaked) and only for a file that exists now and belongs to <c>{package}</c>.
/// </summary>
internal static class RunExportsEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/channels/{channel}/packages/{package}/versions/{platform}/{filename}/run_exports", GetAsync);

    private static async Task<IResult> GetAsync(string channel, string package, string platform, string filename,
        IQuetzAuthorization authorization, IPackageCatalog catalog, RunExportsRepository repository, CancellationToken cancellationToken)
    {
        await authorization.RequireChannelReadAsync(channel, cancellationToken);
        var version = await catalog.GetVersionAsync(channel, platform, filename, cancellationToken);
        var row = version is null || version.PackageName != package
            ? null
            : await repository.FindAsync(channel, platform, filename, cancellationToken);
        if (row is null || row.Sha256 != version!.Sha256)
        {
            // quetz's message, missing space included.
            throw new QuetzHttpException(StatusCodes.Status404NotFound, $"run_exports for package {channel}/{platform}/{filename}not found");
        }

        return Results.Text(row.Data, "application/json");
    }
}
