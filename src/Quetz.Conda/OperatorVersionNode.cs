namespace Quetz.Conda;

/// <summary>A relational constraint such as <c>&gt;=1.2</c>, <c>!=1.3.*</c>, <c>~=2.1</c> or a bare <c>1.2</c>.</summary>
internal sealed class OperatorVersionNode : VersionSpecNode
{
    private readonly VersionOperator _operator;
    private readonly VersionOrder _version;
    private readonly VersionOrder? _compatiblePrefix;

    /// <summary>Makes a node whose exactness is given explicitly (conda calls both <c>1.2</c> and <c>==1.2</c> exact).</summary>
    public OperatorVersionNode(string spec, VersionOperator op, VersionOrder version, bool isExact)
        : base(spec, isExact)
    {
        _operator = op;
        _version = version;
        if (op == VersionOperator.Compatible)
        {
            _compatiblePrefix = VersionOrder.CompatiblePrefixOf(version);
        }
    }

    public override bool Matches(string raw, ref VersionOrder? parsed) => Matches(Parsed(raw, ref parsed));

    public bool Matches(VersionOrder candidate) => _operator switch
    {
        VersionOperator.Equal => candidate.Equals(_version),
        VersionOperator.NotEqual => !candidate.Equals(_version),
        VersionOperator.Less => candidate.CompareTo(_version) < 0,
        VersionOperator.LessOrEqual => candidate.CompareTo(_version) <= 0,
        VersionOperator.Greater => candidate.CompareTo(_version) > 0,
        VersionOperator.GreaterOrEqual => candidate.CompareTo(_version) >= 0,
        VersionOperator.StartsWith => candidate.StartsWith(_version),
        VersionOperator.NotStartsWith => !candidate.StartsWith(_version),
        _ => candidate.IsCompatibleWith(_version, _compatiblePrefix!),
    };
}
