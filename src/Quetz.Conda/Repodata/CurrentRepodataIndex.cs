namespace Quetz.Conda.Repodata;

/// <summary>
/// The part of conda's <c>Resolve</c> that <see cref="CurrentRepodata"/> needs: records grouped by
/// name, newest first, and <c>find_matches</c>.
/// </summary>
internal sealed class CurrentRepodataIndex
{
    private readonly List<CurrentRepodataCandidate> _all;
    private readonly Func<string, MatchSpec?> _parse;

    public CurrentRepodataIndex(IEnumerable<CurrentRepodataCandidate> candidates, Func<string, MatchSpec?> parse)
    {
        _parse = parse;
        _all = [.. candidates.Distinct().OrderBy(c => c.Order)];
        Groups = new Dictionary<string, List<CurrentRepodataCandidate>>(StringComparer.Ordinal);
        foreach (CurrentRepodataCandidate candidate in _all)
        {
            if (!Groups.TryGetValue(candidate.Name, out List<CurrentRepodataCandidate>? group))
            {
                Groups[candidate.Name] = group = [];
            }

            group.Add(candidate);
        }

        foreach (List<CurrentRepodataCandidate> group in Groups.Values)
        {
            group.Sort(CurrentRepodataCandidate.NewestFirst);
        }
    }

    /// <summary>Records by name, newest first.</summary>
    public Dictionary<string, List<CurrentRepodataCandidate>> Groups { get; }

    /// <summary>The records <paramref name="spec"/> matches, newest first.</summary>
    public List<CurrentRepodataCandidate> FindMatches(MatchSpec spec)
    {
        IEnumerable<CurrentRepodataCandidate> candidates = spec.Name == "*"
            ? _all
            : Groups.TryGetValue(spec.Name, out List<CurrentRepodataCandidate>? group) ? group : [];
        return [.. candidates.Where(c => c.Satisfies(spec))];
    }

    /// <summary>
    /// The records of <c>MatchSpec(f"{name}={version}")</c>: every build of that version, and of
    /// versions that start with it. Falls back to equal version strings when that spec does not parse.
    /// </summary>
    public List<CurrentRepodataCandidate> Series(string name, string version)
    {
        MatchSpec? spec = _parse(name + "=" + version);
        if (spec is not null)
        {
            return FindMatches(spec);
        }

        return Groups.TryGetValue(name, out List<CurrentRepodataCandidate>? group)
            ? [.. group.Where(c => c.VersionText == version)]
            : [];
    }
}
