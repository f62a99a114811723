using Hangfire;

namespace Quetz.Host.Jobs;

/// <summary>Hands a quetz job to Hangfire: at once, or at its <c>start_at</c>.</summary>
internal sealed class JobScheduler(IBackgroundJobClient hangfire, TimeProvider time)
{
    public void Schedule(Data.Job job, DateTime? at = null)
    {
        var title = $"{job.Manifest} (job {job.Id})";
        var when = at ?? job.StartAt;
        if (when is { } start && start > time.GetUtcNow().UtcDateTime)
        {
            hangfire.Schedule<QuetzJobRunner>(JobQueues.Default, r => r.RunAsync(title, job.Id, CancellationToken.None),
                new DateTimeOffset(start, TimeSpan.Zero));
        }
        else
        {
            hangfire.Enqueue<QuetzJobRunner>(JobQueues.Default, r => r.RunAsync(title, job.Id, CancellationToken.None));
        }
    }
}
