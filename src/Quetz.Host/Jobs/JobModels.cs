using System.Text.Json;

namespace Quetz.Host.Jobs;

/// <summary>quetz's Job: times are naive UTC, as quetz writes them.</summary>
internal sealed record JobResponse(
    string Manifest, DateTime? StartAt, int? RepeatEverySeconds, int Id, Guid OwnerId, DateTime Created, string Status, string? ItemsSpec)
{
    public static JobResponse From(Data.Job job) => new(job.Manifest, Naive(job.StartAt), job.RepeatEverySeconds, job.Id, job.OwnerId,
        Naive(job.Created)!.Value, job.Status, job.ItemsSpec);

    public static DateTime? Naive(DateTime? value) => value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Unspecified) : null;
}

/// <summary>quetz's Task: the version as <c>{"filename", "id"}</c> with a 32-hex id, or <c>{}</c> for channel actions.</summary>
internal sealed record TaskResponse(int Id, int JobId, JsonElement PackageVersion, DateTime Created, string Status);

internal sealed record JobCreateBody(string ItemsSpec, string Manifest, DateTime? StartAt, int? RepeatEverySeconds);

internal sealed record JobUpdateBody(string Status, bool Force);

internal sealed record ChannelActionBody(string Action, DateTime? StartAt, int? RepeatEverySeconds);

internal static class JobStatuses
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Success = "success";
    public const string Failed = "failed";
    public static readonly string[] All = [Pending, "queued", Running, Success, Failed, "timeout", "cancelled"];
}

internal static class TaskStatuses
{
    public const string Created = "created";
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Success = "success";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
    public static readonly string[] All = [Created, Pending, Running, Success, Failed, Skipped];
}
