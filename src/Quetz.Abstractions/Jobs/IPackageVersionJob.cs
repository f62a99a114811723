using System.Text.Json.Nodes;
using Quetz.Abstractions.Packages;

namespace Quetz.Abstractions.Jobs;

/// <summary>
/// A job that runs over package files, started with <c>POST /api/jobs {"items_spec": "*", "manifest": …}</c>: the
/// host creates one task per file matching the items spec and runs each through its own Hangfire dispatcher, so
/// a plugin type never reaches Hangfire's storage.
/// </summary>
public interface IPackageVersionJob
{
    /// <summary>The name clients give as <c>manifest</c>, for example <c>quetz-transmutation:transmutation</c>.</summary>
    string Manifest { get; }

    /// <summary>Handles one file; <paramref name="arguments"/> are the job's <c>extra_args</c>, if any. Throw to fail the task.</summary>
    Task RunAsync(PackageVersionInfo version, JsonObject? arguments, CancellationToken cancellationToken);
}
