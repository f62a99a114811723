using System.Text.RegularExpressions;
using Quetz.Conda;

namespace Quetz.Host.Jobs;

/// <summary>
/// A job's <c>items_spec</c>: comma-separated <c>name[op version[,op version]]</c> with ops <c>== &gt;= &lt;= &gt; &lt;</c> and
/// <c>*</c> wildcards in names, e.g. <c>my-package&gt;=0.1.2,&lt;0.2,other-package==1.1</c>. Versions compare by conda's
/// version order, not as strings as quetz's SQL does.
/// </summary>
internal sealed partial class ItemsSpec
{
    private readonly List<Clause> _clauses;

    private ItemsSpec(List<Clause> clauses) => _clauses = clauses;

    public bool IsEmpty => _clauses.Count == 0;

    public static bool TryParse(string text, out ItemsSpec? spec, out string? error)
    {
        spec = null;
        error = null;
        var clauses = new List<Clause>();
        foreach (var raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Part().Match(raw);
            if (!match.Success)
            {
                error = $"invalid items_spec part '{raw}'";
                return false;
            }

            VersionOrder? version = null;
            if (match.Groups["version"].Success && !VersionOrder.TryParse(match.Groups["version"].Value, out version))
            {
                error = $"invalid version '{match.Groups["version"].Value}' in items_spec";
                return false;
            }

            var op = match.Groups["op"].Success ? match.Groups["op"].Value : null;
            if (match.Groups["name"].Success)
            {
                clauses.Add(new Clause(NamePattern(match.Groups["name"].Value)));
            }
            else if (clauses.Count == 0)
            {
                error = $"items_spec part '{raw}' has no package name";
                return false;
            }

            if (op is not null)
            {
                clauses[^1].Constraints.Add((op, version!));
            }
        }

        spec = new ItemsSpec(clauses);
        return true;
    }

    public bool Matches(string packageName, string version)
    {
        VersionOrder? parsed = null;
        foreach (var clause in _clauses)
        {
            if (!clause.Name.IsMatch(packageName))
            {
                continue;
            }

            if (clause.Constraints.Count == 0)
            {
                return true;
            }

            parsed ??= VersionOrder.TryParse(version, out var v) ? v : null;
            if (parsed is not null && clause.Constraints.All(c => Satisfies(parsed, c.Op, c.Version)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Satisfies(VersionOrder version, string op, VersionOrder bound) => op switch
    {
        "==" => version == bound,
        ">=" => version >= bound,
        "<=" => version <= bound,
        ">" => version > bound,
        _ => version < bound,
    };

    private static Regex NamePattern(string name) =>
        new("^" + Regex.Escape(name.ToLowerInvariant()).Replace("\\*", ".*", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.NonBacktracking);

    /// <summary>Either <c>name[op version]</c> or, continuing the previous name, <c>op version</c>.</summary>
    [GeneratedRegex(@"^(?:(?<name>[A-Za-z0-9_.*-]+)\s*)?(?:(?<op>==|>=|<=|>|<)\s*(?<version>[^\s,=<>]+))?$")]
    private static partial Regex Part();

    private sealed record Clause(Regex Name)
    {
        public List<(string Op, VersionOrder Version)> Constraints { get; } = [];
    }
}
