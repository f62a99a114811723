using System.Text;

namespace Quetz.Host.Search;

/// <summary>
/// quetz's search language: shell-split words; plain words must all occur in the name (<c>NOT word</c> must
/// not); <c>key:v1,v2</c> filters match any of their values, <c>-key:…</c> negates.
/// </summary>
internal sealed record SearchQuery(IReadOnlyList<string> Keywords, IReadOnlyList<string> ExcludedKeywords, IReadOnlyList<SearchFilter> Filters)
{
    public static SearchQuery Parse(string? q)
    {
        var keywords = new List<string>();
        var excluded = new List<string>();
        var filters = new List<SearchFilter>();
        var negateNext = false;
        foreach (var token in ShellSplit(q ?? ""))
        {
            var colon = token.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                var negate = token.StartsWith('-');
                var key = token[(negate ? 1 : 0)..colon];
                var values = token[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries);
                filters.Add(new SearchFilter(key, values, negate));
            }
            else if (token == "NOT")
            {
                negateNext = true;
            }
            else
            {
                (negateNext ? excluded : keywords).Add(token);
                negateNext = false;
            }
        }

        return new SearchQuery(keywords, excluded, filters);
    }

    /// <summary>Python's shlex.split for the cases a search box produces: quotes and backslash escapes.</summary>
    private static List<string> ShellSplit(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var inToken = false;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quote is { } q)
            {
                if (ch == q)
                {
                    quote = null;
                }
                else if (ch == '\\' && q == '"' && i + 1 < text.Length && text[i + 1] is '"' or '\\')
                {
                    current.Append(text[++i]);
                }
                else
                {
                    current.Append(ch);
                }
            }
            else if (char.IsWhiteSpace(ch))
            {
                if (inToken)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                    inToken = false;
                }
            }
            else if (ch is '"' or '\'')
            {
                quote = ch;
                inToken = true;
            }
            else if (ch == '\\' && i + 1 < text.Length)
            {
                current.Append(text[++i]);
                inToken = true;
            }
            else
            {
                current.Append(ch);
                inToken = true;
            }
        }

        if (inToken)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }
}

internal sealed record SearchFilter(string Key, IReadOnlyList<string> Values, bool Negate);
