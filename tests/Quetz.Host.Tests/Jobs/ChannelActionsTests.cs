using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Jobs;

public abstract class ChannelActionsTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : QuetzServer
{
    private static async Task<JsonElement> WaitForJobAsync(HttpClient client, int id, string status)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var job = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync($"/api/jobs/{id}"));
            if (job.GetProperty("status").GetString() == status)
            {
                return job;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"job {id} never became {status}");
    }

    [Theory]
    [InlineData("generate_indexes")]
    [InlineData("reindex")]
    [InlineData("validate_packages")]
    [InlineData("cleanup")]
    [InlineData("cleanup_dry_run")]
    public async Task An_action_answers_with_a_pending_job_that_then_succeeds(string action)
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        var job = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.PutAsJsonAsync($"/api/channels/{channel}/actions", new { action }));
        Assert.Equal(["manifest", "start_at", "repeat_every_seconds", "id", "owner_id", "created", "status", "items_spec"], HttpAssert.Keys(job));
        Assert.Equal(JsonValueKind.Null, job.GetProperty("items_spec").ValueKind);
        Assert.DoesNotContain("Z", job.GetProperty("created").GetString(), StringComparison.Ordinal);
        Assert.StartsWith(action.StartsWith("cleanup", StringComparison.Ordinal) ? "db_cleanup" : action, job.GetProperty("manifest").GetString(), StringComparison.Ordinal);

        await WaitForJobAsync(alice, job.GetProperty("id").GetInt32(), "success");
        var tasks = await HttpAssert.StatusAsync(HttpStatusCode.OK,
            await alice.GetAsync($"/api/jobs/{job.GetProperty("id").GetInt32()}/tasks?status=success"));
        var task = Assert.Single(tasks.GetProperty("result").EnumerateArray());
        Assert.Equal(["id", "job_id", "package_version", "created", "status"], HttpAssert.Keys(task));
        Assert.Equal(JsonValueKind.Object, task.GetProperty("package_version").ValueKind);
        Assert.Empty(task.GetProperty("package_version").EnumerateObject());
    }

    [Theory]
    [InlineData("member", "generate_indexes", HttpStatusCode.Forbidden)]
    [InlineData("maintainer", "generate_indexes", HttpStatusCode.OK)]
    [InlineData("maintainer", "cleanup", HttpStatusCode.Forbidden)]
    [InlineData("owner", "cleanup", HttpStatusCode.OK)]
    [InlineData("owner", "validate_packages", HttpStatusCode.Forbidden)]
    [InlineData(null, "reindex", HttpStatusCode.Forbidden)]
    public async Task Who_may_start_an_action(string? role, string action, HttpStatusCode expected)
    {
        var channel = await server.CreateChannelAsync();
        if (role is not null)
        {
            await server.AddChannelMemberAsync(channel, "bob", role);
        }

        using var bob = await server.AsAsync("bob");
        await HttpAssert.StatusAsync(expected, await bob.PutAsJsonAsync($"/api/channels/{channel}/actions", new { action }));
        using var anonymous = server.Anonymous();
        await HttpAssert.StatusAsync(HttpStatusCode.Unauthorized, await anonymous.PutAsJsonAsync($"/api/channels/{channel}/actions", new { action }));
    }

    [Fact]
    public async Task Actions_that_do_not_fit_the_channel_are_405_and_unknown_ones_422()
    {
        var channel = await server.CreateChannelAsync();
        using var anonymous = server.Anonymous();
        await HttpAssert.DetailAsync(HttpStatusCode.MethodNotAllowed, $"Action synchronize not allowed for channel {channel}",
            await anonymous.PutAsJsonAsync($"/api/channels/{channel}/actions", new { action = "synchronize" }));
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.ValidationAsync("Input should be", await alice.PutAsJsonAsync($"/api/channels/{channel}/actions", new { action = "explode" }));
    }

    [Fact]
    public async Task A_job_starting_later_has_no_task_yet()
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        var job = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.PutAsJsonAsync($"/api/channels/{channel}/actions",
            new { action = "generate_indexes", start_at = DateTime.UtcNow.AddHours(1).ToString("s", System.Globalization.CultureInfo.InvariantCulture) }));
        Assert.NotEqual(JsonValueKind.Null, job.GetProperty("start_at").ValueKind);
        await Task.Delay(1500);
        var id = job.GetProperty("id").GetInt32();
        Assert.Equal("pending", (await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/jobs/{id}"))).GetProperty("status").GetString());
        var tasks = await HttpAssert.StatusAsync(HttpStatusCode.OK,
            await alice.GetAsync($"/api/jobs/{id}/tasks?status=created&status=pending&status=running&status=success&status=failed"));
        Assert.Equal(0, tasks.GetProperty("pagination").GetProperty("all_records_count").GetInt32());
    }

    [Fact]
    public async Task A_repeating_job_runs_again_and_waits_pending_in_between()
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        var job = await HttpAssert.StatusAsync(HttpStatusCode.OK,
            await alice.PutAsJsonAsync($"/api/channels/{channel}/actions", new { action = "generate_indexes", repeat_every_seconds = 1 }));
        var id = job.GetProperty("id").GetInt32();
        Assert.Equal(1, job.GetProperty("repeat_every_seconds").GetInt32());

        var runs = 0;
        for (var attempt = 0; attempt < 600 && runs < 2; attempt++)
        {
            await Task.Delay(50);
            var tasks = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/jobs/{id}/tasks?status=success"));
            runs = tasks.GetProperty("pagination").GetProperty("all_records_count").GetInt32();
        }

        Assert.True(runs >= 2, $"only {runs} run(s)");
        Assert.Equal("pending", (await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/jobs/{id}"))).GetProperty("status").GetString());
        await HttpAssert.NullAsync(HttpStatusCode.OK, await alice.PatchAsJsonAsync($"/api/jobs/{id}", new { status = "cancelled" }));
    }

    [Fact]
    public async Task Jobs_are_listed_by_status_and_only_to_their_owner_or_server_owners()
    {
        var channel = await server.CreateChannelAsync();
        await server.AddChannelMemberAsync(channel, "carol", "owner");
        using var carol = await server.AsAsync("carol");
        var job = await HttpAssert.StatusAsync(HttpStatusCode.OK, await carol.PutAsJsonAsync($"/api/channels/{channel}/actions", new { action = "generate_indexes" }));
        var id = job.GetProperty("id").GetInt32();
        await WaitForJobAsync(carol, id, "success");

        var mine = await HttpAssert.StatusAsync(HttpStatusCode.OK, await carol.GetAsync("/api/jobs?status=success&limit=-1"));
        Assert.Contains(id, mine.GetProperty("result").EnumerateArray().Select(j => j.GetProperty("id").GetInt32()));
        Assert.All(mine.GetProperty("result").EnumerateArray(), j => Assert.Equal("success", j.GetProperty("status").GetString()));

        using var dave = await server.AsAsync("dave");
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not allowed", await dave.GetAsync($"/api/jobs/{id}"));
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not allowed", await dave.GetAsync($"/api/jobs/{id}/tasks"));
        var theirs = await HttpAssert.StatusAsync(HttpStatusCode.OK, await dave.GetAsync("/api/jobs?status=success&limit=-1"));
        Assert.DoesNotContain(id, theirs.GetProperty("result").EnumerateArray().Select(j => j.GetProperty("id").GetInt32()));
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/jobs/{id}"));
        await HttpAssert.DetailAsync(HttpStatusCode.NotFound, "Job with id 999999 not found", await alice.GetAsync("/api/jobs/999999"));
        await HttpAssert.ValidationAsync("Input should be", await alice.GetAsync("/api/jobs?status=pending,running"));
    }

    [Fact]
    public async Task Creating_jobs_is_for_server_owners_and_needs_a_known_function_and_an_items_spec()
    {
        using var bob = await server.AsAsync("bob");
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not allowed",
            await bob.PostAsJsonAsync("/api/jobs", new { items_spec = "*", manifest = "quetz-transmutation:transmutation" }));
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.ValidationAsync("invalid function",
            await alice.PostAsJsonAsync("/api/jobs", new { items_spec = "*", manifest = "nobody:nothing" }));
        await HttpAssert.ValidationAsync("Input should be a valid string",
            await alice.PostAsJsonAsync("/api/jobs", new { items_spec = (string?)null, manifest = "nobody:nothing" }));
    }

    [Fact]
    public async Task Patching_a_job_needs_a_status()
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        var job = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.PutAsJsonAsync($"/api/channels/{channel}/actions",
            new { action = "generate_indexes", start_at = DateTime.UtcNow.AddHours(1).ToString("s", System.Globalization.CultureInfo.InvariantCulture) }));
        var id = job.GetProperty("id").GetInt32();
        await HttpAssert.ValidationAsync("Field required", await alice.PatchAsJsonAsync($"/api/jobs/{id}", new { force = true }));
        await HttpAssert.NullAsync(HttpStatusCode.OK, await alice.PatchAsJsonAsync($"/api/jobs/{id}", new { status = "cancelled" }));
        Assert.Equal("cancelled", (await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync($"/api/jobs/{id}"))).GetProperty("status").GetString());
    }
}

public sealed class ChannelActionsOnSqlite(SqliteQuetzServer server) : ChannelActionsTests<SqliteQuetzServer>(server);

public sealed class ChannelActionsOnPostgres(PostgresQuetzServer server) : ChannelActionsTests<PostgresQuetzServer>(server);
