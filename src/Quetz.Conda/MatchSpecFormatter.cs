using System.Buffers;
using System.Text;

namespace Quetz.Conda;

/// <summary>Writes a match spec's canonical string the way conda's <c>MatchSpec.__str__</c> does.</summary>
internal static class MatchSpecFormatter
{
    private static readonly SearchValues<char> QuotedInBrackets = SearchValues.Create("><$^|,");
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(", =");

    private static readonly MatchSpecField[] PrintedAfterBuild =
    [
        MatchSpecField.BuildNumber, MatchSpecField.TrackFeatures, MatchSpecField.Features, MatchSpecField.Url,
        MatchSpecField.Md5, MatchSpecField.Sha256, MatchSpecField.License, MatchSpecField.LicenseFamily,
        MatchSpecField.Fn, MatchSpecField.When, MatchSpecField.Extras, MatchSpecField.Flags,
    ];

    /// <summary>
    /// <c>channel/subdir::name version build[key=value,...]</c>: exact channels, exact versions
    /// (<c>==1.2</c>), prefixes (<c>=1.2</c>), <c>!=</c>/<c>~=</c> without a build, and exact builds
    /// after an exact version go outside the brackets; everything else goes inside.
    /// </summary>
    public static string Format(
        GlobFieldMatcher name,
        VersionSpec? version,
        BuildNumberSpec? buildNumber,
        IReadOnlyDictionary<MatchSpecField, FieldMatcher> fields)
    {
        var builder = new StringBuilder();
        var brackets = new List<string>();

        var channel = fields.GetValueOrDefault(MatchSpecField.Channel) as ChannelFieldMatcher;
        bool channelIsExact = channel is { IsExact: true };
        if (channelIsExact)
        {
            builder.Append(channel!.Text);
        }
        else if (channel is { MatchesAll: false })
        {
            brackets.Add("channel=" + channel.Text);
        }

        if (fields.TryGetValue(MatchSpecField.Subdir, out FieldMatcher? subdir))
        {
            if (channelIsExact)
            {
                builder.Append('/').Append(subdir.Text);
            }
            else
            {
                brackets.Add("subdir=" + subdir.Text);
            }
        }

        builder.Append(builder.Length > 0 ? "::" : string.Empty).Append(name.Text);

        FieldMatcher? build = fields.GetValueOrDefault(MatchSpecField.Build);
        bool versionIsExact = version is not null && AppendVersion(version.Spec, build is not null, builder, brackets);

        if (build is not null)
        {
            string text = build.Text;
            if (text.AsSpan().IndexOfAny(QuotedInBrackets) >= 0)
            {
                brackets.Add($"build='{text}'");
            }
            else if (!text.Contains('*', StringComparison.Ordinal) && versionIsExact)
            {
                builder.Append('=').Append(text);
            }
            else
            {
                brackets.Add("build=" + text);
            }
        }

        bool skipFileName = fields.ContainsKey(MatchSpecField.Url) && fields.ContainsKey(MatchSpecField.Fn);
        foreach (MatchSpecField field in PrintedAfterBuild)
        {
            string? value = field == MatchSpecField.BuildNumber
                ? buildNumber?.Spec
                : fields.GetValueOrDefault(field)?.Text;
            if (value is null
                || (field == MatchSpecField.Fn && skipFileName)
                || (field == MatchSpecField.Url && channel is not null))
            {
                continue;
            }

            string key = MatchSpecFields.NameOf(field);
            if (value.StartsWith('[') && field is MatchSpecField.Extras or MatchSpecField.Flags)
            {
                brackets.Add($"{key}={value}");
            }
            else if (value.AsSpan().IndexOfAny(NeedsQuotes) >= 0)
            {
                brackets.Add($"{key}='{value}'");
            }
            else
            {
                brackets.Add($"{key}={value}");
            }
        }

        if (brackets.Count > 0)
        {
            builder.Append('[').AppendJoin(',', brackets).Append(']');
        }

        return builder.ToString();
    }

    /// <summary>Writes the version outside or inside the brackets; returns whether it is an exact version.</summary>
    private static bool AppendVersion(string text, bool hasBuild, StringBuilder builder, List<string> brackets)
    {
        if (text.AsSpan().IndexOfAny(QuotedInBrackets) >= 0)
        {
            brackets.Add($"version='{text}'");
        }
        else if (text.StartsWith("!=", StringComparison.Ordinal) || text.StartsWith("~=", StringComparison.Ordinal))
        {
            if (hasBuild)
            {
                brackets.Add($"version='{text}'");
            }
            else
            {
                builder.Append(text);
            }
        }
        else if (text.EndsWith(".*", StringComparison.Ordinal))
        {
            builder.Append('=').Append(text.AsSpan(0, text.Length - 2));
        }
        else if (text == "*")
        {
            // A wildcard-only version adds nothing.
        }
        else if (text.EndsWith('*'))
        {
            builder.Append('=').Append(text.AsSpan(0, text.Length - 1));
        }
        else
        {
            builder.Append(text.StartsWith("==", StringComparison.Ordinal) ? string.Empty : "==").Append(text);
            return true;
        }

        return false;
    }
}
