using Microsoft.EntityFrameworkCore;
using Quetz.Host.Data;
using Quetz.Host.Http;

namespace Quetz.Host.Health;

internal static class HealthApi
{
    internal sealed record HealthResponse(string Component, string Status);

    public static void MapHealthApi(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("health");
        health.MapGet("/live", () => Results.Json(new HealthResponse("http-server", "ok"), QuetzJson.Options))
            .WithSummary("The process answers.").Produces<HealthResponse>();
        health.MapGet("/ready", ReadyAsync)
            .WithSummary("The server can serve: its database answers.").Produces<HealthResponse>().Produces<HealthResponse>(503);
    }

    /// <summary>Unlike quetz, readiness asks the database, so a load balancer stops sending to a host that lost it.</summary>
    private static async Task<IResult> ReadyAsync(QuetzDbContext db, CancellationToken ct)
    {
        var ok = await db.Database.CanConnectAsync(ct);
        return Results.Json(new HealthResponse("http-server", ok ? "ok" : "database unavailable"), QuetzJson.Options,
            statusCode: ok ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
