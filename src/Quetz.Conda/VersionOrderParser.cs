namespace Quetz.Conda;

/// <summary>
/// Parses version strings into conda's component form. Exception-free so that
/// <see cref="VersionOrder.TryParse"/> stays cheap on large inputs.
/// </summary>
internal static class VersionOrderParser
{
    private static readonly VersionAtom Dev = VersionAtom.FromString("DEV");
    private static readonly VersionAtom Underscore = VersionAtom.FromString("_");

    /// <summary>Parses <paramref name="input"/>; on failure returns <c>false</c> and conda's reason in <paramref name="error"/>.</summary>
    public static bool TryParse(
        string input,
        out string normalized,
        out VersionAtom[][] version,
        out VersionAtom[][] local,
        out string? error)
    {
        normalized = string.Empty;
        version = [];
        local = [];

        string text = input.Trim().ToLowerInvariant();
        if (text.Length == 0)
        {
            error = "empty version string";
            return false;
        }

        if (!HasOnlyVersionCharacters(text))
        {
            // Dashes are accepted as long as there are no underscores: they become underscores.
            if (text.Contains('-', StringComparison.Ordinal) && !text.Contains('_', StringComparison.Ordinal))
            {
                text = text.Replace('-', '_');
            }

            if (!HasOnlyVersionCharacters(text))
            {
                error = "invalid character(s)";
                return false;
            }
        }

        normalized = text;

        ReadOnlySpan<char> epoch = "0";
        ReadOnlySpan<char> rest = text;
        int bang = text.IndexOf('!', StringComparison.Ordinal);
        if (bang >= 0)
        {
            if (text.IndexOf('!', bang + 1) >= 0)
            {
                error = "duplicated epoch separator '!'";
                return false;
            }

            epoch = rest[..bang];
            if (epoch.IsEmpty || !IsAllDigits(epoch))
            {
                error = "epoch must be an integer";
                return false;
            }

            rest = rest[(bang + 1)..];
        }

        ReadOnlySpan<char> main = rest;
        ReadOnlySpan<char> localText = default;
        bool hasLocal = false;
        int plus = rest.IndexOf('+');
        if (plus >= 0)
        {
            if (rest[(plus + 1)..].Contains('+'))
            {
                error = "duplicated local version separator '+'";
                return false;
            }

            main = rest[..plus];
            localText = rest[(plus + 1)..];
            hasLocal = true;
        }

        if (main.IsEmpty)
        {
            error = "Missing version before local version separator '+'";
            return false;
        }

        // A trailing underscore (openssl convention, e.g. "1.0.1_") stays attached to the last component.
        bool trailingUnderscore = main[^1] == '_';
        if (trailingUnderscore)
        {
            main = main[..^1];
        }

        var versionComponents = new List<VersionAtom[]>(CountComponents(main) + 1);
        if (!TryAddComponent(epoch, false, versionComponents, out error))
        {
            return false;
        }

        if (!TryAddComponents(main, trailingUnderscore, versionComponents, out error))
        {
            return false;
        }

        version = [.. versionComponents];

        if (hasLocal)
        {
            var localComponents = new List<VersionAtom[]>(CountComponents(localText));
            if (!TryAddComponents(localText, false, localComponents, out error))
            {
                return false;
            }

            local = [.. localComponents];
        }

        error = null;
        return true;
    }

    private static bool HasOnlyVersionCharacters(string text)
    {
        foreach (char c in text)
        {
            bool ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '*' or '.' or '+' or '!' or '_';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAllDigits(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static int CountComponents(ReadOnlySpan<char> text)
    {
        int count = 1;
        foreach (char c in text)
        {
            if (c is '.' or '_')
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Splits at '.' and '_' and adds each component (the last one gets a trailing '_' if asked).</summary>
    private static bool TryAddComponents(
        ReadOnlySpan<char> text,
        bool appendUnderscoreToLast,
        List<VersionAtom[]> into,
        out string? error)
    {
        while (true)
        {
            int separator = text.IndexOfAny('.', '_');
            bool last = separator < 0;
            ReadOnlySpan<char> component = last ? text : text[..separator];
            if (!TryAddComponent(component, last && appendUnderscoreToLast, into, out error))
            {
                return false;
            }

            if (last)
            {
                return true;
            }

            text = text[(separator + 1)..];
        }
    }

    /// <summary>
    /// Splits one component into runs of digits, runs of '*' and runs of anything else,
    /// mapping <c>post</c> and <c>dev</c>, and prepends 0 when the component does not start with a digit.
    /// </summary>
    private static bool TryAddComponent(
        ReadOnlySpan<char> component,
        bool appendUnderscore,
        List<VersionAtom[]> into,
        out string? error)
    {
        if (component.IsEmpty && !appendUnderscore)
        {
            error = "empty version component";
            return false;
        }

        var atoms = new List<VersionAtom>(4);
        if (component.IsEmpty || !char.IsAsciiDigit(component[0]))
        {
            atoms.Add(VersionAtom.Zero);
        }

        int i = 0;
        while (i < component.Length)
        {
            int kind = RunKind(component[i]);
            int start = i;
            while (i < component.Length && RunKind(component[i]) == kind)
            {
                i++;
            }

            ReadOnlySpan<char> run = component[start..i];
            bool isLastRun = i == component.Length;
            if (kind == 0)
            {
                atoms.Add(VersionAtom.FromDigits(run));
            }
            else if (kind == 2 && isLastRun && appendUnderscore)
            {
                // The underscore belongs to this trailing non-digit run ("1.1a_" -> [1, "a_"]).
                atoms.Add(MakeStringAtom(string.Concat(run, "_")));
                appendUnderscore = false;
            }
            else
            {
                atoms.Add(MakeStringAtom(run.ToString()));
            }
        }

        if (appendUnderscore)
        {
            atoms.Add(Underscore);
        }

        into.Add([.. atoms]);
        error = null;
        return true;
    }

    private static int RunKind(char c) => char.IsAsciiDigit(c) ? 0 : c == '*' ? 1 : 2;

    private static VersionAtom MakeStringAtom(string text) => text switch
    {
        "post" => VersionAtom.Infinity,
        "dev" => Dev,
        "_" => Underscore,
        _ => VersionAtom.FromString(text),
    };
}
