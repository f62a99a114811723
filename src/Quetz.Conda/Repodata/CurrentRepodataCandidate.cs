namespace Quetz.Conda.Repodata;

/// <summary>A repodata record as conda's solver sees it while <see cref="CurrentRepodata"/> picks records.</summary>
internal sealed class CurrentRepodataCandidate
{
    public CurrentRepodataCandidate(string fileName, RepodataRecord record, bool isConda, string subdir, int order)
    {
        FileName = fileName;
        Record = record;
        IsConda = isConda;
        Order = order;
        Name = record.Name;
        VersionText = record.Version;
        Version = VersionOrder.TryParse(VersionText, out VersionOrder? version) ? version : null;
        BuildNumber = record.BuildNumber;
        TimestampSeconds = record.TimestampSeconds;
        Build = record.Build;
        HasFeatures = record.HasFeatures;

        // conda also makes python 2/3 depend on pip (add_pip_as_python_dependency); that dependency is
        // always met by the newest pip, which is kept anyway, so it is left out here.
        Depends = record.Depends;

        // conda gives every record the repodata's subdir.
        Matchable = record.ToMatchableRecord(fileName, subdir);
    }

    public string FileName { get; }

    public RepodataRecord Record { get; }

    public bool IsConda { get; }

    /// <summary>Position in conda's index (.conda records first), the last tie-break.</summary>
    public int Order { get; }

    public string Name { get; }

    public string VersionText { get; }

    /// <summary>The parsed version; <c>null</c> when it does not parse (sorts below every version).</summary>
    public VersionOrder? Version { get; }

    public long BuildNumber { get; }

    public double TimestampSeconds { get; }

    public string Build { get; }

    public bool HasFeatures { get; }

    public IReadOnlyList<string> Depends { get; }

    public MatchableRecord Matchable { get; }

    /// <summary>
    /// conda's <c>Resolve.version_key</c> for one channel and one subdir: version, build number,
    /// timestamp, build string; then index order so sorting is deterministic. Sorts newest first.
    /// </summary>
    public static int NewestFirst(CurrentRepodataCandidate a, CurrentRepodataCandidate b)
    {
        int c = CompareVersions(b.Version, a.Version);
        if (c == 0)
        {
            c = b.BuildNumber.CompareTo(a.BuildNumber);
        }

        if (c == 0)
        {
            c = b.TimestampSeconds.CompareTo(a.TimestampSeconds);
        }

        if (c == 0)
        {
            c = CodePointComparer.Instance.Compare(b.Build, a.Build);
        }

        return c != 0 ? c : a.Order.CompareTo(b.Order);
    }

    public static int CompareVersions(VersionOrder? a, VersionOrder? b) =>
        a is null ? (b is null ? 0 : -1) : b is null ? 1 : a.CompareTo(b);

    public bool Satisfies(MatchSpec spec)
    {
        try
        {
            return spec.Matches(Matchable);
        }
        catch (InvalidVersionSpecException)
        {
            return false;
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
