namespace Quetz.Conda;

/// <summary>Matches globs whose only wildcard is <c>*</c> (any run of characters); everything else is literal.</summary>
internal static class GlobPattern
{
    public static bool IsMatch(string pattern, string input)
    {
        ReadOnlySpan<char> rest = input;
        ReadOnlySpan<char> remaining = pattern;
        int star = remaining.IndexOf('*');
        if (star < 0)
        {
            return rest.SequenceEqual(remaining);
        }

        // The text before the first star must be a prefix, the text after the last star a suffix.
        ReadOnlySpan<char> head = remaining[..star];
        int lastStar = remaining.LastIndexOf('*');
        ReadOnlySpan<char> tail = remaining[(lastStar + 1)..];
        if (rest.Length < head.Length + tail.Length || !rest.StartsWith(head) || !rest.EndsWith(tail))
        {
            return false;
        }

        rest = rest[head.Length..^tail.Length];
        remaining = star == lastStar ? [] : remaining[(star + 1)..lastStar];

        // The pieces between stars must occur in order; taking each at its first occurrence is enough.
        while (!remaining.IsEmpty)
        {
            int next = remaining.IndexOf('*');
            ReadOnlySpan<char> piece = next < 0 ? remaining : remaining[..next];
            remaining = next < 0 ? [] : remaining[(next + 1)..];
            if (piece.IsEmpty)
            {
                continue;
            }

            int at = rest.IndexOf(piece, StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }

            rest = rest[(at + piece.Length)..];
        }

        return true;
    }
}
