namespace Quetz.Conda;

/// <summary>The spec <c>*</c>: every version matches.</summary>
internal sealed class AnyVersionNode : VersionSpecNode
{
    private AnyVersionNode()
        : base("*", isExact: false)
    {
    }

    public static AnyVersionNode Instance { get; } = new();

    public override bool Matches(string raw, ref VersionOrder? parsed) => true;
}
