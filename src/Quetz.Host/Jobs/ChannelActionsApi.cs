using Quetz.Host.Channels;
using Quetz.Host.Data;
using Quetz.Host.Http;
using Quetz.Host.Identity;

namespace Quetz.Host.Jobs;

/// <summary><c>PUT /api/channels/{channel}/actions</c>: runs a channel action as a job and answers with the job.</summary>
internal static class ChannelActionsApi
{
    public static void MapChannelActionsApi(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/channels/{channel}/actions", PutAsync).WithTags("channels").AcceptsJson<ChannelActionBody>()
            .WithSummary("Start a channel action (generate_indexes, reindex, validate_packages, cleanup, cleanup_dry_run…) as a job.")
            .Produces<JobResponse>().ProducesError(401, 403, 404, 405, 422);
    }

    private static async Task<IResult> PutAsync(string channel, HttpRequest request, QuetzDbContext db, AccessRules rules,
        IEnumerable<IChannelActionHandler> handlers, JobScheduler scheduler, TimeProvider time, CancellationToken ct)
    {
        var found = await ChannelLookup.GetAsync(db, channel, ct);
        var body = await JsonBody.ReadAsync(request, ct);
        var action = body.RequiredString("action");
        if (!ChannelInput.Actions.Contains(action))
        {
            throw ApiException.Invalid(["body", "action"], "Input should be " + string.Join(", ", ChannelInput.Actions.Select(a => $"'{a}'")), "enum", action);
        }

        var kind = ChannelLookup.Kind(found);
        if ((action is "synchronize" or "synchronize_repodata" && kind != "mirror") || (action == "synchronize_metrics" && kind != "local"))
        {
            throw new ApiException(StatusCodes.Status405MethodNotAllowed, $"Action {action} not allowed for channel {found.Name}");
        }

        var manifests = action switch
        {
            "cleanup" => new[] { "pkgstore_cleanup", "db_cleanup" },
            "cleanup_dry_run" => ["pkgstore_cleanup_dry_run", "db_cleanup_dry_run"],
            _ => [action],
        };
        if (manifests.FirstOrDefault(m => !handlers.Any(h => h.Name == m)) is { } missing)
        {
            throw ApiException.Unprocessable($"Action {action} is not available on this server ({missing} has no handler)");
        }

        await RequirePermissionAsync(action, found, rules, ct);
        var owner = await rules.RequireUserAsync(ct);
        var startAt = JobsApi.ReadStartAt(body);
        var repeat = JobsApi.ReadRepeat(body);
        Job? last = null;
        foreach (var manifest in manifests)
        {
            last = await JobsApi.AddJobAsync(db, time, owner, manifest, null, ChannelActionArguments.For(found.Name), startAt, repeat, ct);
            scheduler.Schedule(last);
        }

        return Results.Json(JobResponse.From(last!), QuetzJson.Options);
    }

    private static Task RequirePermissionAsync(string action, Channel channel, AccessRules rules, CancellationToken ct) => action switch
    {
        "validate_packages" => rules.RequireServerRolesAsync(Roles.OwnerOrMaintainer, ct),
        "cleanup" or "cleanup_dry_run" => rules.RequireChannelRoleAsync(channel.Name, [Roles.Owner], ct),
        _ => rules.RequireChannelRoleAsync(channel.Name, Roles.OwnerOrMaintainer, ct),
    };
}
