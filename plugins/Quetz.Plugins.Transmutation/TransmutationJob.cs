using System.Text.Json.Nodes;
using Quetz.Abstractions.Jobs;
using Quetz.Abstractions.Packages;

namespace Quetz.Plugins.Transmutation;

/// <summary>
/// <c>POST /api/jobs {"manifest": "quetz-transmutation:transmutation"}</c>: one task per matching file. A task on a
/// file that is no <c>.tar.bz2</c>, or whose <c>.conda</c> exists, succeeds without doing anything; a broken
/// archive fails the task.
/// </summary>
internal sealed class TransmutationJob(CondaConverter converter) : IPackageVersionJob
{
    public string Manifest => "quetz-transmutation:transmutation";

    public Task RunAsync(PackageVersionInfo version, JsonObject? arguments, CancellationToken cancellationToken) =>
        converter.ConvertAsync(version, cancellationToken);
}
