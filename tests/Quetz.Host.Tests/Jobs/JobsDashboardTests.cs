using System.Net;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Jobs;

public sealed class JobsDashboardTests(SqliteQuetzServer server) : IClassFixture<SqliteQuetzServer>
{
    [Fact]
    public async Task The_dashboard_is_for_server_owners_and_maintainers()
    {
        using var anonymous = server.Anonymous();
        await HttpAssert.DetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await anonymous.GetAsync("/jobs/dashboard"));
        using var bob = await server.AsAsync("bob");
        await HttpAssert.StatusAsync(HttpStatusCode.Forbidden, await bob.GetAsync("/jobs/dashboard/jobs/succeeded"));

        using var alice = await server.LoggedInAsync("alice");
        var page = await alice.GetAsync("/jobs/dashboard");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Quetz jobs", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_jobs_show_under_readable_names()
    {
        var channel = await server.CreateChannelAsync();
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.Created,
            await CondaPackages.UploadAsync(alice, channel, "test-package-0.1-0.tar.bz2", await CondaPackages.BuildAsync("test-package", "0.1")));
        await Repodata.WaitForAsync(alice, channel, "linux-64", r => Repodata.Has(r, "packages", "test-package-0.1-0.tar.bz2"));

        // The job is marked succeeded a moment after it published the index.
        var succeeded = "";
        for (var attempt = 0; attempt < 300 && !succeeded.Contains($"Index {channel}/linux-64", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(50);
            succeeded = await (await alice.GetAsync("/jobs/dashboard/jobs/succeeded")).Content.ReadAsStringAsync();
        }

        Assert.Contains($"Index {channel}/linux-64", succeeded, StringComparison.Ordinal);
    }
}
