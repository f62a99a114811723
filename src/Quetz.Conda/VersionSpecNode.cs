namespace Quetz.Conda;

/// <summary>One node of a parsed version spec: a leaf constraint or an and/or group.</summary>
internal abstract class VersionSpecNode
{
    protected VersionSpecNode(string spec, bool isExact)
    {
        Spec = spec;
        IsExact = isExact;
    }

    /// <summary>conda's string form of this node.</summary>
    public string Spec { get; }

    /// <summary>Whether the node pins one exact version.</summary>
    public bool IsExact { get; }

    /// <summary>
    /// Tests a version. <paramref name="raw"/> is the string as given (regex and glob specs match
    /// it); <paramref name="parsed"/> is filled in on first need so the string is parsed at most once.
    /// </summary>
    public abstract bool Matches(string raw, ref VersionOrder? parsed);

    protected static VersionOrder Parsed(string raw, ref VersionOrder? parsed) =>
        parsed ??= VersionOrder.Parse(raw);
}
