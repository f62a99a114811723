namespace Quetz.Conda;

/// <summary>
/// Splits <c>&lt;op&gt;&lt;version&gt;</c> for the operators <c>= == != &lt; &lt;= &gt; &gt;= ~=</c>.
/// The operator must not be followed by another operator character, and the version must be
/// non-empty without whitespace (so <c>&lt;= 1.2</c>, <c>&lt;&gt;1.2</c> and <c>===1</c> are rejected).
/// </summary>
internal static class RelationalSpec
{
    public static bool TrySplit(string spec, out string op, out string version)
    {
        op = string.Empty;
        version = string.Empty;
        if (spec.Length == 0)
        {
            return false;
        }

        if (spec.Length >= 2 && spec[1] == '=' && spec[0] is '=' or '!' or '<' or '>' or '~')
        {
            op = spec[..2];
        }
        else if (spec[0] is '=' or '<' or '>')
        {
            op = spec[..1];
        }
        else
        {
            return false;
        }

        string rest = spec[op.Length..];
        if (rest.Length == 0 || rest[0] is '=' or '<' or '>' or '!' or '~')
        {
            return false;
        }

        foreach (char c in rest)
        {
            if (char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        version = rest;
        return true;
    }
}
