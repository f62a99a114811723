namespace Quetz.Conda;

/// <summary>conda's legacy fallback for specs containing '@': the version string must be equal.</summary>
internal sealed class ExactStringVersionNode : VersionSpecNode
{
    public ExactStringVersionNode(string spec)
        : base(spec, isExact: true)
    {
    }

    public override bool Matches(string raw, ref VersionOrder? parsed) => string.Equals(Spec, raw, StringComparison.Ordinal);
}
