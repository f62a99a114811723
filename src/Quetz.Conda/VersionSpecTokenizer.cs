namespace Quetz.Conda;

/// <summary>
/// Splits a version spec into tokens the way conda does: regexes (<c>^...$</c>) whole,
/// the punctuation <c>( ) | ,</c>, and runs of anything else. Tokens come back trimmed.
/// </summary>
internal static class VersionSpecTokenizer
{
    public static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        int lastDollar = text.LastIndexOf('$');
        int i = 0;
        while (i < text.Length)
        {
            int j = i;
            while (j < text.Length && char.IsWhiteSpace(text[j]))
            {
                j++;
            }

            // Only look for the closing '$' when there is one ahead, so many '^' stay linear.
            if (j < text.Length && text[j] == '^' && j < lastDollar)
            {
                int dollar = text.IndexOf('$', j + 1);
                if (dollar >= 0)
                {
                    tokens.Add(text[j..(dollar + 1)]);
                    i = dollar + 1;
                    continue;
                }
            }

            if (j < text.Length && IsPunctuation(text[j]))
            {
                tokens.Add(text[j].ToString());
                i = j + 1;
                continue;
            }

            int end = i;
            while (end < text.Length && !IsPunctuation(text[end]))
            {
                end++;
            }

            tokens.Add(text[i..end].Trim());
            i = end;
        }

        return tokens;
    }

    public static bool IsPunctuation(char c) => c is '(' or ')' or '|' or ',';
}
