using System.Text;

namespace Quetz.Conda;

/// <summary>
/// Combines match specs for the same package into one (conda's <c>MatchSpec.merge</c>): version
/// specs are and-ed, exact values must agree, and build globs are narrowed or intersected.
/// </summary>
internal static class MatchSpecMerger
{
    public static IReadOnlyList<MatchSpec> Merge(IEnumerable<MatchSpec> specs)
    {
        var sorted = specs.OrderBy(s => s.ToString(), StringComparer.Ordinal).ToList();
        var groups = new List<List<MatchSpec>>();
        var byName = new Dictionary<string, List<MatchSpec>>(StringComparer.Ordinal);
        var unmergeable = new List<MatchSpec>();
        foreach (MatchSpec spec in sorted)
        {
            if (spec.Name == "*")
            {
                unmergeable.Add(spec);
                continue;
            }

            if (!byName.TryGetValue(spec.Name, out List<MatchSpec>? group))
            {
                group = [];
                byName[spec.Name] = group;
                groups.Add(group);
            }

            group.Add(spec);
        }

        var result = new List<MatchSpec>(groups.Count + unmergeable.Count);
        foreach (List<MatchSpec> group in groups)
        {
            result.Add(group.Aggregate(MergePair));
        }

        result.AddRange(unmergeable);
        return result;
    }

    private static MatchSpec MergePair(MatchSpec left, MatchSpec right)
    {
        IReadOnlyDictionary<string, string> a = left.RawFields();
        IReadOnlyDictionary<string, string> b = right.RawFields();
        var merged = new List<KeyValuePair<string, string>>();
        foreach (string field in a.Keys.Union(b.Keys, StringComparer.Ordinal))
        {
            bool inLeft = a.TryGetValue(field, out string? x);
            bool inRight = b.TryGetValue(field, out string? y);
            string value = !inLeft ? y! : !inRight ? x! : MergeValues(field, x!, y!);
            merged.Add(new(field, value));
        }

        return MatchSpec.FromFields(merged);
    }

    private static string MergeValues(string field, string left, string right)
    {
        if (left == right)
        {
            return left;
        }

        return field switch
        {
            "version" => string.Join(',', new[] { left, right }.Order(StringComparer.Ordinal)),
            "name" or "build" or "channel" or "license" or "license_family" or "when" => MergeGlobs(left, right),
            _ => throw Incompatible(left, right),
        };
    }

    /// <summary>
    /// Keeps the stricter of a pattern and a literal it accepts, the longer of two compatible
    /// prefix (or suffix) globs, and otherwise the regular-expression intersection of both patterns.
    /// </summary>
    private static string MergeGlobs(string left, string right)
    {
        bool leftIsPattern = IsPattern(left);
        bool rightIsPattern = IsPattern(right);
        if (!leftIsPattern && rightIsPattern)
        {
            (left, right) = (right, left);
            (leftIsPattern, rightIsPattern) = (rightIsPattern, leftIsPattern);
        }

        if (!right.Contains('*', StringComparison.Ordinal))
        {
            if (leftIsPattern && new GlobFieldMatcher(left, lowerCaseValue: false, ignoreInputCase: false).Matches(right))
            {
                return right;
            }

            throw Incompatible(left, right);
        }

        if (left.Count(c => c == '*') == 1 && right.Count(c => c == '*') == 1
            && ((left[0] == '*' && right[0] == '*') || (left[^1] == '*' && right[^1] == '*')))
        {
            string leftCore = left.Trim('*');
            string rightCore = right.Trim('*');
            if (rightCore.Contains(leftCore, StringComparison.Ordinal))
            {
                return right;
            }

            if (leftCore.Contains(rightCore, StringComparison.Ordinal))
            {
                return left;
            }

            throw Incompatible(left, right);
        }

        return $"^(?={AsRegex(left)})(?:{AsRegex(right)})$";
    }

    private static bool IsPattern(string value) =>
        (value.StartsWith('^') && value.EndsWith('$')) || value.Contains('*', StringComparison.Ordinal);

    private static string AsRegex(string value)
    {
        if (value.StartsWith('^') && value.EndsWith('$'))
        {
            return value[1..^1];
        }

        return value.Contains('*', StringComparison.Ordinal) ? EscapeLikePython(value).Replace(@"\*", ".*", StringComparison.Ordinal) : value;
    }

    /// <summary>Python's <c>re.escape</c>, so merged patterns read exactly as conda writes them.</summary>
    private static string EscapeLikePython(string value)
    {
        var builder = new StringBuilder(value.Length * 2);
        foreach (char c in value)
        {
            if ("()[]{}?*+-|^$\\.&~# \t\n\r\v\f".Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static ArgumentException Incompatible(string left, string right) =>
        new($"Incompatible component merge:\n  - '{left}'\n  - '{right}'");
}
