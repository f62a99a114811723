namespace Quetz.Abstractions.Jobs;

/// <summary>Queues <see cref="IPluginJob"/> runs in the host's Hangfire. Provided by the host.</summary>
public interface IPluginJobQueue
{
    /// <summary>Runs the job of kind <paramref name="kind"/> with <paramref name="arguments"/> (JSON) as soon as a worker is free; returns the Hangfire job id.</summary>
    string Enqueue(string kind, string arguments);

    /// <summary>Runs it after <paramref name="delay"/>; returns the Hangfire job id.</summary>
    string Schedule(string kind, string arguments, TimeSpan delay);
}
