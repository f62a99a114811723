using System.Text.Json.Nodes;

namespace Quetz.Conda.Repodata;

/// <summary>
/// Builds <c>current_repodata.json</c>, the subset of a subdir's repodata that conda's classic solver
/// tries first: conda-index's <c>build_current_repodata</c>.
/// </summary>
/// <remarks>
/// <para>Steps, as conda-index takes them on conda's <c>Resolve</c> object:</para>
/// <list type="number">
/// <item>The candidates are the <c>.conda</c> records and the <c>.tar.bz2</c> records without a
/// <c>.conda</c> twin; records with <c>record_version</c> above 1 are skipped. Each name's records are
/// ordered newest first by version (<see cref="VersionOrder"/>), build number, timestamp and build string.</item>
/// <item>For every name, the newest version is kept with all its builds (every record matching
/// <c>name=version</c>), plus, for pinned names, the newest version of each pinned series.</item>
/// <item>For each dependency of a kept record that no kept record satisfies, the newest version that
/// satisfies it is added with all its builds. This is one pass, as in conda-index: dependencies of
/// records added here are not followed further.</item>
/// <item>For a name whose kept records have <c>features</c> or <c>track_features</c>, the newest record
/// of the full repodata that is not newer and has none is added.</item>
/// </list>
/// <para>
/// The output keeps every top-level key of the input (<c>info</c>, <c>removed</c>, extra keys), holds
/// copies of the chosen records, and gives each <c>.conda</c> record <c>legacy_bz2_md5</c>: the
/// <c>md5</c> of its <c>.tar.bz2</c> twin, or <c>null</c>.
/// </para>
/// </remarks>
public static class CurrentRepodata
{
    /// <summary>Builds current_repodata from the full repodata of a subdir.</summary>
    /// <param name="full">The subdir's repodata (after patches).</param>
    /// <returns>A new document; <paramref name="full"/> is not changed.</returns>
    public static RepodataDocument Build(RepodataDocument full) => Build(full, null);

    /// <summary>
    /// Builds current_repodata, keeping the newest version of each series in <paramref name="pins"/>
    /// too (conda-index's <c>current_index_versions</c>, e.g. <c>{"python": ["3.11", "3.12"]}</c>).
    /// </summary>
    /// <param name="full">The subdir's repodata (after patches).</param>
    /// <param name="pins">Package name → version series to keep as well, or <c>null</c>.</param>
    /// <returns>A new document; <paramref name="full"/> is not changed.</returns>
    public static RepodataDocument Build(RepodataDocument full, IReadOnlyDictionary<string, IReadOnlyList<string>>? pins)
    {
        ArgumentNullException.ThrowIfNull(full);
        var specs = new Dictionary<string, MatchSpec?>(StringComparer.Ordinal);
        MatchSpec? Parse(string text)
        {
            if (!specs.TryGetValue(text, out MatchSpec? spec))
            {
                specs[text] = spec = MatchSpec.TryParse(text, out MatchSpec? parsed) ? parsed : null;
            }

            return spec;
        }

        var original = new CurrentRepodataIndex(Candidates(full), Parse);

        // _shard_newest_packages: the newest version of every name, and of pinned series.
        var newest = new List<CurrentRepodataCandidate>();
        foreach ((string name, List<CurrentRepodataCandidate> group) in original.Groups)
        {
            newest.AddRange(original.Series(name, group[0].VersionText));
            if (pins is not null && pins.TryGetValue(name, out IReadOnlyList<string>? series))
            {
                foreach (string pin in series)
                {
                    MatchSpec? pinSpec = Parse(name + "=" + pin);
                    List<CurrentRepodataCandidate> pinned = pinSpec is null ? [] : original.FindMatches(pinSpec);
                    if (pinned.Count > 0)
                    {
                        newest.AddRange(original.Series(name, pinned[0].VersionText));
                    }
                }
            }
        }

        var latest = new CurrentRepodataIndex(newest, Parse);
        var withDeps = new CurrentRepodataIndex(AddMissingDependencies(latest, original, Parse), Parse);
        HashSet<CurrentRepodataCandidate> keep = AddPreviousVersionsForFeatures(withDeps, original);

        RepodataDocument current = full.CloneHeader();
        foreach (CurrentRepodataCandidate candidate in keep)
        {
            RepodataRecord copy = candidate.Record.Clone();
            if (candidate.IsConda)
            {
                string twin = candidate.FileName[..^PackageFileNames.CondaExtension.Length] + PackageFileNames.TarBz2Extension;
                copy.Json["legacy_bz2_md5"] = full.Packages.TryGetValue(twin, out RepodataRecord? legacy)
                    ? legacy.Json["md5"]?.DeepClone()
                    : null;
                current.CondaPackages[candidate.FileName] = copy;
            }
            else
            {
                current.Packages[candidate.FileName] = copy;
            }
        }

        return current;
    }

    private static List<CurrentRepodataCandidate> Candidates(RepodataDocument full)
    {
        var candidates = new List<CurrentRepodataCandidate>(full.Count);
        var twins = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string fileName, RepodataRecord record) in full.CondaPackages)
        {
            if (fileName.EndsWith(PackageFileNames.CondaExtension, StringComparison.Ordinal))
            {
                twins.Add(fileName[..^PackageFileNames.CondaExtension.Length] + PackageFileNames.TarBz2Extension);
            }

            Add(fileName, record, isConda: true);
        }

        foreach ((string fileName, RepodataRecord record) in full.Packages)
        {
            if (!twins.Contains(fileName))
            {
                Add(fileName, record, isConda: false);
            }
        }

        return candidates;

        void Add(string fileName, RepodataRecord record, bool isConda)
        {
            if (record.Name.Length == 0 || record.Version.Length == 0 || RecordVersion(record) > 1)
            {
                return;
            }

            candidates.Add(new CurrentRepodataCandidate(fileName, record, isConda, full.Subdir, candidates.Count));
        }
    }

    private static long RecordVersion(RepodataRecord record) =>
        JsonNodeValues.Int64(record.Json["record_version"]) ?? 0;

    // _add_missing_deps: for each dependency the newest records leave unsatisfied, the newest
    // version of the full index that satisfies it, with all its builds.
    private static HashSet<CurrentRepodataCandidate> AddMissingDependencies(
        CurrentRepodataIndex latest, CurrentRepodataIndex original, Func<string, MatchSpec?> parse)
    {
        var expanded = new HashSet<CurrentRepodataCandidate>(latest.Groups.Values.SelectMany(g => g));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (List<CurrentRepodataCandidate> group in latest.Groups.Values)
        {
            foreach (CurrentRepodataCandidate record in group)
            {
                foreach (string dependency in record.Depends)
                {
                    if (!seen.Add(dependency) || parse(dependency) is not MatchSpec spec || spec.Name == "*")
                    {
                        continue;
                    }

                    if (latest.FindMatches(spec).Count > 0)
                    {
                        continue;
                    }

                    List<CurrentRepodataCandidate> matches = original.FindMatches(spec);
                    if (matches.Count > 0)
                    {
                        expanded.UnionWith(original.Series(spec.Name, matches[0].VersionText));
                    }
                }
            }
        }

        return expanded;
    }

    // _add_prev_ver_for_features: where the kept records of a name have features, also keep the
    // newest record without features that is not newer than them.
    private static HashSet<CurrentRepodataCandidate> AddPreviousVersionsForFeatures(CurrentRepodataIndex kept, CurrentRepodataIndex original)
    {
        var result = new HashSet<CurrentRepodataCandidate>(kept.Groups.Values.SelectMany(g => g));
        foreach ((string name, List<CurrentRepodataCandidate> group) in kept.Groups)
        {
            if (!group.Any(c => c.HasFeatures) || !original.Groups.TryGetValue(name, out List<CurrentRepodataCandidate>? all))
            {
                continue;
            }

            VersionOrder? newest = group[0].Version;
            CurrentRepodataCandidate? previous = all.FirstOrDefault(c =>
                !c.HasFeatures && newest is not null && c.Version is not null && c.Version <= newest);
            if (previous is not null)
            {
                result.Add(previous);
            }
        }

        return result;
    }
}
