using Quetz.Host.Indexing;

namespace Quetz.Host.Tests.Indexing;

/// <summary>A burst of requests for a subdir's deferred pass runs it once more at most, never side by side.</summary>
public sealed class SubdirExtrasRunsTests
{
    [Fact]
    public async Task Requests_during_a_pass_fold_into_one_more_pass_forced_if_any_asked()
    {
        var runs = new SubdirExtrasRuns();
        var release = new TaskCompletionSource();
        List<(string Subdir, bool Force)> passes = [];
        Func<bool, Task> Pass(string subdir) => async force =>
        {
            passes.Add((subdir, force));
            if (passes.Count == 1)
            {
                await release.Task;
            }
        };

        var first = runs.RunAsync("c", "linux-64", false, Pass("linux-64"));
        await runs.RunAsync("c", "linux-64", false, Pass("linux-64"));
        await runs.RunAsync("c", "linux-64", true, Pass("linux-64"));
        await runs.RunAsync("c", "noarch", false, Pass("noarch"));

        // While linux-64's pass waits, its two requests returned at once; another subdir is not held up.
        Assert.Equal([("linux-64", false), ("noarch", false)], passes);

        release.SetResult();
        await first;

        Assert.Equal([("linux-64", false), ("noarch", false), ("linux-64", true)], passes);
        await runs.RunAsync("c", "linux-64", false, Pass("linux-64"));
        Assert.Equal(("linux-64", false), passes[^1]);
        Assert.Equal(4, passes.Count);
    }

    [Fact]
    public async Task A_failed_pass_does_not_keep_the_subdir_busy()
    {
        var runs = new SubdirExtrasRuns();

        await Assert.ThrowsAsync<IOException>(() => runs.RunAsync("c", "linux-64", false, _ => throw new IOException("store down")));

        var ran = false;
        await runs.RunAsync("c", "linux-64", false, _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });
        Assert.True(ran);
    }
}
