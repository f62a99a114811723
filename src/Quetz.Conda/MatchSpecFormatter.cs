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

    /// <summary>Builds conda's canonical string: <c>channel/subdir::name version build[key=value,...]</c>.</summary>
    public static string Format(
        GlobFieldMatcher name,
        VersionSpec? version,
        BuildNumberSpec? buildNumber,
        IReadOnlyDictionary<MatchSpecField, FieldMatcher> fields)
    {
        var builder = new StringBuilder();
        var brackets = new List<string>();

        var channel = fields.GetValueOrDefault(MatchSpecField.Channel) as ChannelFieldMatcher;
        bool channelIsExact = channel is not null && channel.IsExact;
        if (channelIsExact)
        {
            builder.Append(channel!.Text);
        }
        else if (channel is not null && !channel.MatchesAll)
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

        bool versionIsExact = false;
        FieldMatcher? build = fields.GetValueOrDefault(MatchSpecField.Build);
        if (version is not null)
        {
            string version = version.Spec;
            if (version.AsSpan().IndexOfAny(QuotedInBrackets) >= 0)
            {
                brackets.Add($"version='{version}'");
            }
            else if (version.StartsWith("!=", StringComparison.Ordinal) || version.StartsWith("~=", StringComparison.Ordinal))
            {
                if (build is not null)
                {
                    brackets.Add($"version='{version}'");
                }
                else
                {
                    builder.Append(version);
                }
            }
            else if (version.EndsWith(".*", StringComparison.Ordinal))
            {
                builder.Append('=').Append(version.AsSpan(0, version.Length - 2));
            }
            else if (version == "*")
            {
                // A wildcard-only version adds nothing.
            }
            else if (version.EndsWith('*'))
            {
                builder.Append('=').Append(version.AsSpan(0, version.Length - 1));
            }
            else
            {
                builder.Append(version.StartsWith("==", StringComparison.Ordinal) ? string.Empty : "==").Append(version);
                versionIsExact = true;
            }
        }

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
            string key = MatchSpecFields.NameOf(field);
            string? value = field == MatchSpecField.BuildNumber ? buildNumber?.Spec : (fields.TryGetValue(field, out FieldMatcher? matcher) ? matcher.Text : null);
            if (value is null
                || (field == MatchSpecField.Fn && skipFileName)
                || (field == MatchSpecField.Url && channel is not null))
            {
                continue;
            }

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
}
