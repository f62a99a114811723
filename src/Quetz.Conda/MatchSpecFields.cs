using System.Diagnostics.CodeAnalysis;

namespace Quetz.Conda;

/// <summary>Maps conda's field names (<c>build_number</c>, <c>md5</c>, ...) to <see cref="MatchSpecField"/>.</summary>
internal static class MatchSpecFields
{
    private static readonly string[] Names =
    [
        "channel",
        "subdir",
        "name",
        "version",
        "build",
        "build_number",
        "track_features",
        "features",
        "url",
        "md5",
        "sha256",
        "license",
        "license_family",
        "fn",
        "when",
        "extras",
        "flags",
    ];

    private static readonly Dictionary<string, MatchSpecField> ByName =
        Names.Select((name, index) => (name, index)).ToDictionary(p => p.name, p => (MatchSpecField)p.index, StringComparer.Ordinal);

    public static string NameOf(MatchSpecField field) => Names[(int)field];

    public static bool TryGet(string name, [NotNullWhen(true)] out MatchSpecField? field)
    {
        if (ByName.TryGetValue(name, out MatchSpecField found))
        {
            field = found;
            return true;
        }

        field = null;
        return false;
    }
}
