namespace Quetz.Abstractions.Jobs;

/// <summary>
/// A kind of background job a plugin runs through the host's Hangfire (enqueue it with
/// <see cref="IPluginJobQueue"/>). It shows on the dashboard as "<c>Plugin job: {kind}</c>" and is retried when it
/// throws, so a run must be safe to repeat.
/// </summary>
public interface IPluginJob
{
    /// <summary>The job kind, unique among all plugins, for example <c>mirror-sync</c>.</summary>
    string Kind { get; }

    /// <summary>Runs one job with the JSON arguments it was enqueued with.</summary>
    Task RunAsync(string arguments, CancellationToken cancellationToken);
}
