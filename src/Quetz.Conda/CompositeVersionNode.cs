namespace Quetz.Conda;

/// <summary>
/// An and-group (<c>,</c>) or or-group (<c>|</c>) of specs. Its string joins the children's
/// strings without parentheses, exactly as conda prints it.
/// </summary>
internal sealed class CompositeVersionNode : VersionSpecNode
{
    private readonly VersionSpecNode[] _children;
    private readonly bool _isOr;

    public CompositeVersionNode(bool isOr, VersionSpecNode[] children)
        : base(string.Join(isOr ? '|' : ',', children.Select(c => c.Spec)), isExact: false)
    {
        _isOr = isOr;
        _children = children;
    }

    public override bool Matches(string raw, ref VersionOrder? parsed)
    {
        foreach (VersionSpecNode child in _children)
        {
            if (child.Matches(raw, ref parsed) == _isOr)
            {
                return _isOr;
            }
        }

        return !_isOr;
    }
}
