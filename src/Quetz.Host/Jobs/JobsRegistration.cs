using Hangfire;
using Hangfire.PostgreSql;
using Quetz.Abstractions.Data;
using Quetz.Host.Data;

namespace Quetz.Host.Jobs;

/// <summary>
/// Background work runs on Hangfire: in memory for SQLite deployments (one host; unfinished work is found again
/// from the database at start), on PostgreSQL for PostgreSQL deployments, where every host is a worker.
/// </summary>
internal static class JobsRegistration
{
    public const string DashboardPath = "/jobs/dashboard";

    private static readonly PostgreSqlStorageOptions PostgresOptions = new()
    {
        SchemaName = "hangfire",
        PrepareSchemaIfNecessary = true,
        QueuePollInterval = TimeSpan.FromSeconds(1),
    };

    public static IServiceCollection AddQuetzJobs(this IServiceCollection services, HostDatabase database)
    {
        // The storage is this application's own service, not Hangfire's process-wide JobStorage.Current, so that
        // several hosts in one process (as the tests run them) never pick up each other's jobs.
        JobStorage storage = database.Provider == DatabaseProvider.PostgreSql
            ? new PostgreSqlStorage(new PooledConnectionFactory(database.RequirePostgreSql()), PostgresOptions)
            : new Hangfire.InMemory.InMemoryStorage();
        services.AddSingleton(storage);
        // Likewise the activator: Hangfire's default is process-wide, so one host could run its jobs in another's services.
        services.AddSingleton<JobActivator>(p => new Hangfire.AspNetCore.AspNetCoreJobActivator(p.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, config) => config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogging(new Hangfire.AspNetCore.AspNetCoreLogProvider(provider.GetRequiredService<ILoggerFactory>()))));
        // Worker counts are bounded: a busy worker holds a database connection, and a many-core machine running several
        // hosts would otherwise take more of PostgreSQL's connection slots (100 by default) than the server has.
        // Index builds have workers of their own: deferred work (bzip2 and pages of a large subdir, plugins' jobs) can
        // occupy every shared worker for minutes, and an upload's visibility must never wait behind it.
        services.AddHangfireServer(o =>
        {
            o.ServerName = $"{Environment.MachineName}:index";
            o.WorkerCount = Math.Clamp(Environment.ProcessorCount, 2, 8);
            o.Queues = [JobQueues.Index];
            o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
        });
        services.AddHangfireServer(o =>
        {
            o.ServerName = $"{Environment.MachineName}:default";
            o.WorkerCount = Math.Clamp(Environment.ProcessorCount * 2, 2, 16);
            o.Queues = [JobQueues.Default];
            o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
        });
        return services;
    }

    /// <summary>
    /// The Hangfire dashboard, for server owners and maintainers: anonymous callers get 401, others 403. The check
    /// runs before Hangfire's own (which only knows ASP.NET authentication and would answer 401 to everyone).
    /// </summary>
    public static void MapJobsDashboard(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(DashboardPath), branch => branch.Use(async (context, next) =>
        {
            var rules = context.RequestServices.GetRequiredService<Identity.AccessRules>();
            await rules.RequireServerRolesAsync(Identity.Roles.OwnerOrMaintainer, context.RequestAborted);
            await next(context);
        }));
        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new CheckedBeforeDashboardFilter()],
            DashboardTitle = "Quetz jobs",
            DisplayStorageConnectionString = false,
            AppPath = "/",
        });
    }

    private sealed class CheckedBeforeDashboardFilter : Hangfire.Dashboard.IDashboardAuthorizationFilter
    {
        public bool Authorize(Hangfire.Dashboard.DashboardContext context) => true;
    }
}

internal static class JobQueues
{
    public const string Index = "index";
    public const string Default = "default";
}
