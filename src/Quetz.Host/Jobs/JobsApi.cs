using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Quetz.Host.Data;
using Quetz.Host.Http;
using Quetz.Host.Identity;

namespace Quetz.Host.Jobs;

/// <summary>quetz's jobs API (§2.8): list, create, read, update jobs and list their tasks. Failures of the
/// owner-or-elevated check are 401 "Not allowed", as in quetz.</summary>
internal static class JobsApi
{
    public static void MapJobsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/jobs").WithTags("jobs");
        api.MapGet("", ListAsync).Produces<Paginated<JobResponse>>().ProducesError(401, 422);
        api.MapPost("", CreateAsync).AcceptsJson<JobCreateBody>().Produces<JobResponse>(StatusCodes.Status201Created).ProducesError(401, 422);
        api.MapGet("/{jobId:int}", GetAsync).Produces<JobResponse>().ProducesError(401, 404);
        api.MapPatch("/{jobId:int}", UpdateAsync).AcceptsJson<JobUpdateBody>().ProducesNull().ProducesError(401, 404, 422);
        api.MapGet("/{jobId:int}/tasks", TasksAsync).Produces<Paginated<TaskResponse>>().ProducesError(401, 404, 422);
    }

    private static string[] Statuses(HttpRequest request, string[] allowed, string[] fallback)
    {
        if (!request.Query.TryGetValue("status", out var values) || values.Count == 0)
        {
            return fallback;
        }

        foreach (var value in values)
        {
            if (!allowed.Contains(value))
            {
                throw ApiException.Invalid(["query", "status", 0], "Input should be " + string.Join(", ", allowed.Select(a => $"'{a}'")), "enum", value);
            }
        }

        return [.. values!];
    }

    private static async Task<IResult> ListAsync(HttpRequest request, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var me = await rules.RequireUserAsync(ct);
        var statuses = Statuses(request, JobStatuses.All, [JobStatuses.Pending, JobStatuses.Running]);
        var page = PageRequest.From(request);
        var jobs = db.Jobs.AsNoTracking().Where(j => statuses.Contains(j.Status));
        if (!await rules.IsElevatedAsync(ct))
        {
            jobs = jobs.Where(j => j.OwnerId == me);
        }

        var total = await jobs.CountAsync(ct);
        var result = await page.Apply(jobs.OrderBy(j => j.Id)).ToListAsync(ct);
        return Results.Json(Paginated<JobResponse>.Of(page, total, result.Select(JobResponse.From).ToList()), QuetzJson.Options);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, QuetzDbContext db, AccessRules rules,
        IEnumerable<Quetz.Abstractions.Jobs.IPackageVersionJob> handlers, JobScheduler scheduler, TimeProvider time, CancellationToken ct)
    {
        var me = await rules.RequireUserAsync(ct);
        if (!await rules.IsElevatedAsync(ct))
        {
            throw new ApiException(StatusCodes.Status401Unauthorized, "Not allowed");
        }

        var body = await JsonBody.ReadAsync(request, ct);
        var itemsSpec = body.RequiredString("items_spec");
        var manifest = body.RequiredString("manifest");
        if (!handlers.Any(h => h.Manifest == manifest))
        {
            throw ApiException.Invalid(["body", "manifest"], $"Value error, invalid function {manifest}", "value_error", manifest);
        }

        if (!ItemsSpec.TryParse(itemsSpec, out _, out var error))
        {
            throw ApiException.Invalid(["body", "items_spec"], $"Value error, {error}", "value_error", itemsSpec);
        }

        var job = await AddJobAsync(db, time, me, manifest, itemsSpec, null, ReadStartAt(body), ReadRepeat(body), ct);
        scheduler.Schedule(job);
        return Results.Json(JobResponse.From(job), QuetzJson.Options, statusCode: StatusCodes.Status201Created);
    }

    public static async Task<Job> AddJobAsync(QuetzDbContext db, TimeProvider time, Guid owner, string manifest, string? itemsSpec,
        string? extraArgs, DateTime? startAt, int? repeatEverySeconds, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var job = new Job
        {
            Manifest = manifest,
            OwnerId = owner,
            ItemsSpec = itemsSpec,
            ExtraArgs = extraArgs,
            StartAt = startAt,
            RepeatEverySeconds = repeatEverySeconds,
            Created = now,
            Updated = now,
            Status = JobStatuses.Pending,
        };
        db.Jobs.Add(job);
        await db.SaveChangesAsync(ct);
        return job;
    }

    public static DateTime? ReadStartAt(JsonBody body)
    {
        var text = body.String("start_at");
        if (text is null)
        {
            return null;
        }

        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw ApiException.Invalid(["body", "start_at"], "Input should be a valid datetime", "datetime_from_date_parsing", text);
    }

    public static int? ReadRepeat(JsonBody body)
    {
        var seconds = body.Long("repeat_every_seconds", 1);
        return seconds is > int.MaxValue
            ? throw ApiException.Invalid(["body", "repeat_every_seconds"], "Input should be a valid integer", "int_type", seconds)
            : (int?)seconds;
    }

    private static async Task<Job> OwnJobAsync(int jobId, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var me = await rules.RequireUserAsync(ct);
        var job = await db.Jobs.FirstOrDefaultAsync(j => j.Id == jobId, ct) ?? throw ApiException.NotFound($"Job with id {jobId} not found");
        if (job.OwnerId != me && !await rules.IsElevatedAsync(ct))
        {
            throw new ApiException(StatusCodes.Status401Unauthorized, "Not allowed");
        }

        return job;
    }

    private static async Task<IResult> GetAsync(int jobId, QuetzDbContext db, AccessRules rules, CancellationToken ct) =>
        Results.Json(JobResponse.From(await OwnJobAsync(jobId, db, rules, ct)), QuetzJson.Options);

    /// <summary>Sets a job's status; with <c>force</c> and a status that runs it again, its tasks are skipped so every item runs anew.</summary>
    private static async Task<IResult> UpdateAsync(int jobId, HttpRequest request, QuetzDbContext db, AccessRules rules,
        JobScheduler scheduler, TimeProvider time, CancellationToken ct)
    {
        var job = await OwnJobAsync(jobId, db, rules, ct);
        var body = await JsonBody.ReadAsync(request, ct);
        var status = body.RequiredString("status");
        if (!JobStatuses.All.Contains(status))
        {
            throw ApiException.Invalid(["body", "status"], "Input should be " + string.Join(", ", JobStatuses.All.Select(a => $"'{a}'")), "enum", status);
        }

        var rerun = status is JobStatuses.Pending or JobStatuses.Running;
        if (body.Bool("force") == true && rerun)
        {
            await db.Tasks.Where(t => t.JobId == job.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TaskStatuses.Skipped), ct);
        }

        var wasPending = job.Status == JobStatuses.Pending;
        job.Status = rerun ? JobStatuses.Pending : status;
        job.Updated = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        if (rerun && !wasPending)
        {
            scheduler.Schedule(job);
        }

        return QuetzResults.Null();
    }

    private static async Task<IResult> TasksAsync(int jobId, HttpRequest request, QuetzDbContext db, AccessRules rules, CancellationToken ct)
    {
        var job = await OwnJobAsync(jobId, db, rules, ct);
        var statuses = Statuses(request, TaskStatuses.All, [TaskStatuses.Created, TaskStatuses.Pending, TaskStatuses.Running]);
        var page = PageRequest.From(request);
        var tasks = db.Tasks.AsNoTracking().Where(t => t.JobId == job.Id && statuses.Contains(t.Status));
        var total = await tasks.CountAsync(ct);
        var rows = await page.Apply(tasks.OrderBy(t => t.Id))
            .Select(t => new { Task = t, Filename = db.PackageVersions.Where(v => v.Id == t.PackageVersionId).Select(v => v.Filename).FirstOrDefault() })
            .ToListAsync(ct);
        var result = rows.Select(r => new TaskResponse(r.Task.Id, r.Task.JobId, VersionRef(r.Task.PackageVersionId, r.Filename),
            JobResponse.Naive(r.Task.Created)!.Value, r.Task.Status)).ToList();
        return Results.Json(Paginated<TaskResponse>.Of(page, total, result), QuetzJson.Options);
    }

    private static JsonElement VersionRef(Guid? id, string? filename)
    {
        var node = id is { } v && filename is not null
            ? new JsonObject { ["filename"] = filename, ["id"] = v.ToString("N") }
            : new JsonObject();
        return JsonSerializer.SerializeToElement(node);
    }
}
