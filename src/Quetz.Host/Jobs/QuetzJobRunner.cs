using System.ComponentModel;
using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Quetz.Abstractions.Jobs;
using Quetz.Host.Data;
using Quetz.Host.Packages;

namespace Quetz.Host.Jobs;

/// <summary>
/// Runs one quetz job (a row in <c>jobs</c>) inside a Hangfire job: a channel action makes one task, a
/// package-version job one task per version its <c>items_spec</c> matches. Jobs that repeat go back to pending
/// and are scheduled again; the database, not Hangfire, is the record of what ran.
/// </summary>
internal sealed class QuetzJobRunner(
    QuetzDbContext db, IEnumerable<IChannelActionHandler> actions, IEnumerable<IPackageVersionJob> versionJobs,
    JobScheduler scheduler, TimeProvider time, ILogger<QuetzJobRunner> logger)
{
    [DisplayName("{0}")]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(string title, int jobId, CancellationToken cancellationToken)
    {
        var job = await db.Jobs.FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null || job.Status != JobStatuses.Pending)
        {
            return;
        }

        await SetStatusAsync(job, JobStatuses.Running, cancellationToken);
        var failed = job.ItemsSpec is null
            ? !await RunChannelActionAsync(job, cancellationToken)
            : !await RunVersionTasksAsync(job, cancellationToken);

        if (job.RepeatEverySeconds is { } every && every > 0)
        {
            await SetStatusAsync(job, JobStatuses.Pending, cancellationToken);
            scheduler.Schedule(job, time.GetUtcNow().UtcDateTime.AddSeconds(every));
        }
        else
        {
            await SetStatusAsync(job, failed ? JobStatuses.Failed : JobStatuses.Success, cancellationToken);
        }

        logger.LogInformation("{Title} finished: {Status}", title, job.Status);
    }

    private async Task<bool> RunChannelActionAsync(Job job, CancellationToken ct)
    {
        var task = await NewTaskAsync(job, null, ct);
        var handler = actions.FirstOrDefault(a => a.Name == job.Manifest);
        var channelName = ChannelActionArguments.ChannelOf(job);
        var channel = channelName is null ? null : await db.Channels.AsNoTracking().FirstOrDefaultAsync(c => c.Name == channelName, ct);
        if (handler is null || channel is null)
        {
            logger.LogWarning("Job {Id}: {Reason}", job.Id, handler is null ? $"no handler for {job.Manifest}" : $"channel {channelName} is gone");
            return await FinishTaskAsync(task, succeeded: false, ct);
        }

        return await RunTaskAsync(task, () => handler.RunAsync(channel, job, ct), ct);
    }

    private static JsonObject? Arguments(Job job) => job.ExtraArgs is { } json ? JsonNode.Parse(json) as JsonObject : null;

    private async Task<bool> RunVersionTasksAsync(Job job, CancellationToken ct)
    {
        var handler = versionJobs.FirstOrDefault(h => h.Manifest == job.Manifest);
        if (handler is null || !ItemsSpec.TryParse(job.ItemsSpec!, out var spec, out _) || spec!.IsEmpty)
        {
            return handler is not null;
        }

        var done = await db.Tasks.Where(t => t.JobId == job.Id && t.Status != TaskStatuses.Skipped && t.PackageVersionId != null)
            .Select(t => t.PackageVersionId!.Value).ToListAsync(ct);
        var candidates = await db.PackageVersions.AsNoTracking().Where(v => !done.Contains(v.Id)).ToListAsync(ct);
        var allSucceeded = true;
        foreach (var version in candidates.Where(v => spec.Matches(v.PackageName, v.Version)))
        {
            var task = await NewTaskAsync(job, version.Id, ct);
            allSucceeded &= await RunTaskAsync(task, () => handler.RunAsync(PackageVersionInfos.From(version), Arguments(job), ct), ct);
        }

        return allSucceeded;
    }

    private async Task<bool> RunTaskAsync(JobTask task, Func<Task> work, CancellationToken ct)
    {
        task.Status = TaskStatuses.Running;
        task.Updated = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        try
        {
            await work();
            return await FinishTaskAsync(task, succeeded: true, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Task {Task} of job {Job} failed", task.Id, task.JobId);
            return await FinishTaskAsync(task, succeeded: false, ct);
        }
    }

    private async Task<bool> FinishTaskAsync(JobTask task, bool succeeded, CancellationToken ct)
    {
        task.Status = succeeded ? TaskStatuses.Success : TaskStatuses.Failed;
        task.Updated = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return succeeded;
    }

    private async Task<JobTask> NewTaskAsync(Job job, Guid? versionId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var task = new JobTask { JobId = job.Id, PackageVersionId = versionId, Created = now, Updated = now, Status = TaskStatuses.Created };
        db.Tasks.Add(task);
        await db.SaveChangesAsync(ct);
        return task;
    }

    private async Task SetStatusAsync(Job job, string status, CancellationToken ct)
    {
        job.Status = status;
        job.Updated = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }
}
