using System.Text.RegularExpressions;

namespace Quetz.Conda;

/// <summary>
/// Parses the string form of a match spec into raw field values, following conda's
/// <c>_parse_spec_str</c>: <c>channel/subdir::name version build[key=value, ...]</c>, with
/// <c>name=version=build</c>, operators glued to the name (<c>name&gt;=1.2</c>), package URLs and
/// paths, <c># comments</c> and the legacy <c>feature@</c> form.
/// </summary>
internal static partial class MatchSpecParser
{
    /// <summary>Returns the raw field values in the order they were set; later values for a field win.</summary>
    /// <param name="original">The spec string.</param>
    /// <param name="syntax">The grammar.</param>
    /// <param name="insideCondition">
    /// Whether the spec is part of a <c>when=</c> condition, where another <c>when</c> is an error
    /// (checked before parsing it, so conditions never recurse).
    /// </param>
    public static List<KeyValuePair<string, string>> Parse(
        string original,
        MatchSpecSyntax syntax = MatchSpecSyntax.Classic,
        bool insideCondition = false)
    {
        bool extended = syntax == MatchSpecSyntax.Extended;
        string spec = original;
        var result = new List<KeyValuePair<string, string>>();

        // Legacy "feature@" means any package with that track feature.
        if (spec.EndsWith('@'))
        {
            result.Add(new("name", "*"));
            result.Add(new("track_features", spec[..^1]));
            return result;
        }

        int comment = spec.IndexOf('#', StringComparison.Ordinal);
        if (comment >= 0)
        {
            spec = spec[..comment];
        }

        int condition = extended ? -1 : spec.IndexOf(" if ", StringComparison.Ordinal);
        if (condition >= 0)
        {
            spec = spec[..condition];
        }

        if (PackageFileNames.HasPackageExtension(spec))
        {
            return ParsePackageUrl(original, spec);
        }

        var brackets = new List<KeyValuePair<string, string>>();
        spec = extended ? ExtractExtendedBrackets(original, spec, brackets, insideCondition) : ExtractBrackets(original, spec, brackets);
        spec = RemoveLegacyParens(spec);

        // "channel:namespace:rest" — split at the last two colons; the namespace is unused.
        string? channelText = null;
        int lastColon = spec.LastIndexOf(':');
        if (lastColon >= 0)
        {
            int previousColon = lastColon > 0 ? spec.LastIndexOf(':', lastColon - 1) : -1;
            if (previousColon >= 0)
            {
                channelText = spec[..previousColon];
            }

            spec = spec[(lastColon + 1)..];
        }

        (string? channel, string? subdir) = ChannelInfo.ParseSpecChannel(channelText);
        string? bracketChannel = TakeLast(brackets, "channel");
        if (bracketChannel is not null)
        {
            (string? c, string? s) = ChannelInfo.ParseSpecChannel(bracketChannel);
            channel = c ?? channel;
            subdir = s ?? subdir;
        }

        subdir = TakeLast(brackets, "subdir") ?? subdir;

        int nameEnd = 0;
        while (nameEnd < spec.Length && spec[nameEnd] is not (' ' or '=' or '<' or '>' or '!' or '~'))
        {
            nameEnd++;
        }

        string? rest = spec.Length - nameEnd >= 2 ? spec[nameEnd..] : null;
        if (nameEnd == 0)
        {
            throw InvalidMatchSpecException.For(original, $"no package name found in '{rest ?? "None"}'");
        }

        string name = spec[..nameEnd];
        PackageNames.Validate(name, original);

        string? version = null;
        string? build = null;
        rest = rest?.Trim();
        if (!string.IsNullOrEmpty(rest))
        {
            if (rest.Contains('[', StringComparison.Ordinal))
            {
                throw InvalidMatchSpecException.For(original, "multiple brackets sections not allowed");
            }

            (version, build) = SplitVersionAndBuild(rest);
            version = SanitizeVersion(version, build);
        }

        result.Add(new("name", name));
        AddIfSet(result, "channel", channel);
        AddIfSet(result, "subdir", subdir);
        AddIfSet(result, "version", version);
        AddIfSet(result, "build", build);

        // Bracket values override the rest, except the name: a bracket must not swap the package.
        foreach (KeyValuePair<string, string> pair in brackets)
        {
            if (pair.Key != "name")
            {
                result.Add(pair);
            }
        }

        return result;
    }

    /// <summary>
    /// conda's <c>_sanitize_version_str</c>: <c>==1.2</c> becomes <c>1.2</c> without a build,
    /// <c>=1.2</c> becomes <c>1.2*</c> without a build and <c>1.2</c> with one.
    /// </summary>
    internal static string SanitizeVersion(string version, string? build)
    {
        if (version is "==" or "=" || !version.StartsWith('='))
        {
            return version;
        }

        string bare = version.TrimStart('=');
        if (version.StartsWith("==", StringComparison.Ordinal) && build is null)
        {
            return bare;
        }

        if (bare.AsSpan().IndexOfAny("=,|") < 0)
        {
            return build is null && !bare.EndsWith('*') ? bare + "*" : bare;
        }

        return version;
    }

    /// <summary>
    /// Splits <c>version build</c> or <c>version=build</c> (conda's <c>_parse_version_plus_build</c>).
    /// The build follows the first separator (a space or '=' not right after an operator character)
    /// whose remainder holds no operator characters, trying split points in the order conda's lazy
    /// pattern does; this scan finds the same split in linear time.
    /// </summary>
    internal static (string Version, string? Build) SplitVersionAndBuild(string text)
    {
        int n = text.Length;

        // buildFrom[i]: text[i..] is a non-empty run without '-', '=', ',', '|', '<', '>', '~'.
        var buildFrom = new bool[n + 1];
        for (int i = n - 1; i >= 0; i--)
        {
            buildFrom[i] = text[i] is not ('-' or '=' or ',' or '|' or '<' or '>' or '~') && (i == n - 1 || buildFrom[i + 1]);
        }

        for (int k = 1; k <= n; k++)
        {
            // The version takes k characters, then greedily one more that is not an operator character.
            if (k < n && text[k] is not ('>' or '<' or '!' or ',' or '|') && TrySplitAt(text, k + 1, buildFrom, out string? build))
            {
                return (text[..(k + 1)].Replace(" ", string.Empty, StringComparison.Ordinal), build);
            }

            if (TrySplitAt(text, k, buildFrom, out build))
            {
                return (text[..k].Replace(" ", string.Empty, StringComparison.Ordinal), build);
            }
        }

        return (text.Replace(" ", string.Empty, StringComparison.Ordinal), null);
    }

    private static bool TrySplitAt(string text, int end, bool[] buildFrom, out string? build)
    {
        build = null;
        if (end < text.Length - 1
            && text[end] is ' ' or '='
            && text[end - 1] is not ('=' or '!' or '|' or ',' or '<' or '>' or '~')
            && buildFrom[end + 1])
        {
            build = text[(end + 1)..].Trim();
            return true;
        }

        return end == text.Length;
    }

    private static string ExtractBrackets(string original, string spec, List<KeyValuePair<string, string>> brackets)
    {
        int close = spec.LastIndexOf(']');
        int open = close > 0 ? spec.LastIndexOf('[', close - 1) : -1;
        if (open < 0)
        {
            return spec;
        }

        string section = spec[open..(close + 1)];
        foreach (Match match in KeyValueRegex().Matches(section[1..^1]))
        {
            string key = match.Groups[1].Value;
            string value = match.Groups[3].Value;
            if (key.Length == 0 || value.Length == 0)
            {
                throw InvalidMatchSpecException.For(original, "key-value mismatch in brackets");
            }

            brackets.Add(new(key, key == "version" ? SanitizeVersion(value, null) : value));
        }

        return spec.Replace(section, string.Empty, StringComparison.Ordinal);
    }

    /// <summary>
    /// conda's repodata v3 brackets: from the first '[' to the last ']', with list values, validated
    /// conditions, and errors for repeated keys, empty values and unrecognized text.
    /// </summary>
    private static string ExtractExtendedBrackets(
        string original,
        string spec,
        List<KeyValuePair<string, string>> brackets,
        bool insideCondition)
    {
        int open = spec.IndexOf('[', StringComparison.Ordinal);
        int close = spec.LastIndexOf(']');
        if (open < 0 || close < open)
        {
            return spec;
        }

        string section = spec[open..(close + 1)];
        string inner = section[1..^1];
        int end = -1;
        foreach (Match match in ExtendedKeyValueRegex().Matches(inner))
        {
            string key = match.Groups["key"].Value;
            if (brackets.Exists(p => p.Key == key))
            {
                throw InvalidMatchSpecException.For(original, $"Each key can only be specified once: repeated '{key}' ");
            }

            Group valueGroup = match.Groups["value"];
            Group listGroup = match.Groups["list"];
            string? value = valueGroup.Success && valueGroup.Length > 0 ? valueGroup.Value
                : listGroup.Success ? listGroup.Value : null;
            if (string.IsNullOrEmpty(value))
            {
                throw InvalidMatchSpecException.For(original, "key-value mismatch in brackets; a key or a value is missing");
            }

            if (value.Contains("][", StringComparison.Ordinal))
            {
                throw InvalidMatchSpecException.For(original, "Multiple bracket sections are not allowed");
            }

            if (key == "when" && insideCondition)
            {
                throw InvalidMatchSpecException.For(original, "'when' specs cannot include inner 'when' fields");
            }

            if (key is "flags" or "extras")
            {
                value = ParseListValue(original, key, value);
            }
            else if (key == "when" && WhenCondition.Validate(value) is { } problem)
            {
                throw InvalidMatchSpecException.For(original, problem);
            }

            brackets.Add(new(key, value));
            end = match.Index + match.Length;
        }

        if (end >= 0)
        {
            string remainder = inner[end..].Trim(',', ' ');
            if (remainder.Length > 0)
            {
                throw InvalidMatchSpecException.For(original, $"Unrecognized content in brackets: '{remainder}'");
            }
        }
        else if (inner.StartsWith("version", StringComparison.Ordinal))
        {
            // conda still accepts (and deprecates) "numpy[version<2]".
            brackets.Add(new("version", SanitizeVersion(inner["version".Length..], null)));
        }
        else
        {
            throw InvalidMatchSpecException.For(
                original,
                $"No key-value pairs found in square brackets, did you mean `extras=[{inner}]`?");
        }

        // The bracket version is read like "name=version=build": its meaning depends on the bracket build.
        int version = brackets.FindIndex(p => p.Key == "version");
        if (version >= 0 && brackets[version].Value.Length > 0)
        {
            string? build = brackets.Find(p => p.Key == "build").Value;
            brackets[version] = new("version", SanitizeVersion(brackets[version].Value, build));
        }

        return spec.Replace(section, string.Empty, StringComparison.Ordinal);
    }

    private static string ParseListValue(string original, string key, string value)
    {
        if ((value[0] == '[') ^ (value[^1] == ']'))
        {
            throw InvalidMatchSpecException.For(original, $"'{key}' value has unbalanced brackets: {value}");
        }

        string inner = value.Trim('[', ']');
        if (EmptyListItemRegex().IsMatch(inner))
        {
            throw InvalidMatchSpecException.For(original, $"'{key}' list has an empty item: '{value}'");
        }

        List<string> items = FlowSequence.TryParse(inner)
            ?? throw InvalidMatchSpecException.For(original, $"'{key}' value is not a valid list: '{value}'");
        return StringList.Encode(items);
    }

    /// <summary>
    /// Drops a legacy parenthesised section such as <c>(target=x,optional)</c>. Unlike conda, a
    /// parenthesised version expression (<c>foo (&gt;=1,&lt;2)|&gt;3</c>) is kept: a section is only
    /// dropped when it holds a <c>key=value</c> pair or the word <c>optional</c>.
    /// </summary>
    private static string RemoveLegacyParens(string spec)
    {
        int close = spec.LastIndexOf(')');
        int open = close > 0 ? spec.LastIndexOf('(', close - 1) : -1;
        if (open < 0)
        {
            return spec;
        }

        string section = spec[open..(close + 1)];
        string content = section[1..^1];
        bool isLegacy = KeyValueRegex().IsMatch(content) || content.Contains("optional", StringComparison.Ordinal);
        return isLegacy ? spec.Replace(section, string.Empty, StringComparison.Ordinal) : spec;
    }

    private static List<KeyValuePair<string, string>> ParsePackageUrl(string original, string spec)
    {
        string url = ChannelInfo.IsUrl(spec) ? spec : Uri.UnescapeDataString(FileUrl.FromPath(spec));
        ChannelInfo channel = ChannelInfo.Parse(url);
        var result = new List<KeyValuePair<string, string>>();
        if (channel.Subdir is not null && channel.PackageFileName is not null)
        {
            if (!PackageFileNames.TrySplit(channel.PackageFileName, out string name, out string version, out string build))
            {
                throw InvalidMatchSpecException.For(original, $"cannot split '{channel.PackageFileName}' into name, version and build");
            }

            result.Add(new("channel", channel.CanonicalName));
            result.Add(new("subdir", channel.Subdir));
            result.Add(new("name", name));
            result.Add(new("version", version));
            result.Add(new("build", build));
            result.Add(new("fn", channel.PackageFileName));
            result.Add(new("url", url));
            return result;
        }

        result.Add(new("name", "*"));
        result.Add(new("fn", FileUrl.BaseName(url)));
        result.Add(new("url", url));
        return result;
    }

    private static string? TakeLast(List<KeyValuePair<string, string>> pairs, string key)
    {
        string? value = null;
        for (int i = pairs.Count - 1; i >= 0; i--)
        {
            if (pairs[i].Key == key)
            {
                value ??= pairs[i].Value;
                pairs.RemoveAt(i);
            }
        }

        return value;
    }

    private static void AddIfSet(List<KeyValuePair<string, string>> result, string key, string? value)
    {
        if (value is not null)
        {
            result.Add(new(key, value));
        }
    }

    /// <summary>
    /// <c>key=value</c> in brackets: the value may be quoted with ' or ", and is followed by a
    /// comma, a space or the end.
    /// </summary>
    [GeneratedRegex("""([a-zA-Z0-9_-]+?)=(["']?)([^'"]*?)(\2)(?:[, ]|$)""", RegexOptions.CultureInvariant)]
    private static partial Regex KeyValueRegex();

    /// <summary>
    /// v3 <c>key = value</c>: the value is a bracketed list, or a string optionally quoted with ' or ",
    /// followed by a comma, a space or the end.
    /// </summary>
    [GeneratedRegex("""(?<key>[a-zA-Z0-9_-]+?) *= *(?:\[ *(?<list>[^\[\]]*?) *\]|(?<quote>["']?)(?<value>.*?)\k<quote>)(?:[, ]|$)""", RegexOptions.CultureInvariant)]
    private static partial Regex ExtendedKeyValueRegex();

    /// <summary>Two commas with only whitespace between them.</summary>
    [GeneratedRegex(@",\s*,", RegexOptions.CultureInvariant)]
    private static partial Regex EmptyListItemRegex();
}
