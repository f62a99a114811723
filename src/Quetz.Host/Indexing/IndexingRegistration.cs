using Quetz.Host.Jobs;

namespace Quetz.Host.Indexing;

internal static class IndexingRegistration
{
    /// <summary>The indexer, its jobs and the channel actions that maintain a channel's files and rows.</summary>
    public static IServiceCollection AddQuetzIndexing(this IServiceCollection services)
    {
        services.AddSingleton<IndexSnapshotCache>();
        services.AddSingleton<IndexLock>();
        services.AddSingleton<IndexScheduler>();
        services.AddScoped<SubdirIndexer>();
        services.AddScoped<ChannelIndexer>();
        services.AddScoped<SubdirExtrasPublisher>();
        services.AddSingleton<SubdirExtrasRuns>();
        services.AddScoped<ShardPublisher>();
        services.AddScoped<ShardCleanup>();
        services.AddHostedService<ShardCleanupSchedule>();
        services.AddScoped<IndexJobs>();
        services.AddHostedService<StaleIndexRecovery>();
        services.AddScoped<GenerateIndexesAction>();
        services.AddScoped<IChannelActionHandler>(sp => sp.GetRequiredService<GenerateIndexesAction>());
        services.AddScoped<IChannelActionHandler, ReindexAction>();
        services.AddScoped<IChannelActionHandler, ValidatePackagesAction>();
        foreach (var dryRun in new[] { false, true })
        {
            services.AddScoped<IChannelActionHandler>(sp => ActivatorUtilities.CreateInstance<DatabaseCleanupAction>(sp, dryRun));
            services.AddScoped<IChannelActionHandler>(sp => ActivatorUtilities.CreateInstance<StoreCleanupAction>(sp, dryRun));
        }

        return services;
    }
}
