using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quetz.Abstractions.Data;
using Quetz.Abstractions.Identity;
using Quetz.Abstractions.Jobs;
using Quetz.Abstractions.Packages;
using Quetz.Abstractions.Plugins;

namespace Quetz.Fixtures.Probe;

/// <summary>Registers every extension point the loader tests exercise and routes that show what happened.</summary>
public sealed class ProbePlugin : IQuetzPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        services.AddOptions<ProbeOptions>().Bind(context.Settings);
        services.AddSingleton<ProbeJobLog>();
        services.AddSingleton<IPluginJob, ProbeJob>();
        services.AddSingleton<INewPackageValidator, ProbeValidator>();
        services.AddSingleton<IServerRoleCheck, ProbeRoleCheck>();
        services.AddPluginDbContext<ProbeDbContext, SqliteProbeDbContext, PostgresProbeDbContext>(context);
    }

    public void MapRoutes(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/probe/settings", (IOptions<ProbeOptions> o) => Results.Json(new { greeting = o.Value.Greeting, color = o.Value.Color }));
        routes.MapPost("/api/probe/jobs/{value}", (string value, IPluginJobQueue queue) =>
            Results.Json(new { job_id = queue.Enqueue(ProbeJob.JobKind, value) }));
        routes.MapGet("/api/probe/jobs", (ProbeJobLog log) => Results.Json(log.Ran.Order().ToList()));
        routes.MapPost("/api/probe/notes/{text}", async (string text, ProbeDbContext db, CancellationToken ct) =>
        {
            db.Notes.Add(new ProbeNote { Text = text });
            await db.SaveChangesAsync(ct);
            return Results.Created();
        });
        routes.MapGet("/api/probe/notes", async (ProbeDbContext db, CancellationToken ct) =>
            Results.Json(new
            {
                notes = await db.Notes.OrderBy(n => n.Id).Select(n => n.Text).ToListAsync(ct),
                applied = await db.Database.GetAppliedMigrationsAsync(ct),
                history = db.GetService<IHistoryRepository>().GetCreateScript(),
            }));
    }
}
