using System.Diagnostics.CodeAnalysis;

namespace Quetz.Conda;

/// <summary>
/// A conda match spec (<c>conda.models.match_spec.MatchSpec</c>), parsed from its string form:
/// <c>numpy</c>, <c>numpy 1.7*</c>, <c>numpy 1.7.1 py27_0</c>, <c>numpy=1.7=py27_0</c>,
/// <c>numpy&gt;=1.7,&lt;2</c>, <c>conda-forge/linux-64::numpy</c>,
/// <c>numpy[version='&gt;=1.7', build_number=3, build=py*]</c>, or a package URL.
/// </summary>
/// <remarks>
/// Bracket keys are <c>channel</c>, <c>subdir</c>, <c>version</c>, <c>build</c>, <c>build_number</c>,
/// <c>track_features</c>, <c>features</c>, <c>url</c>, <c>md5</c>, <c>sha256</c>, <c>license</c>,
/// <c>license_family</c>, <c>fn</c>, <c>when</c>, <c>extras</c> and <c>flags</c>; values in brackets
/// override the same field outside them, except the name. Names, builds and licenses may be globs
/// (<c>py27*</c>) or regular expressions (<c>^py2.*$</c>). Channels are canonicalized with conda's
/// default configuration (<c>pkgs/main</c> is <c>defaults</c>, <c>https://conda.anaconda.org/x</c> is <c>x</c>).
/// Two specs are equal when they constrain the same fields the same way.
/// </remarks>
public sealed class MatchSpec : IEquatable<MatchSpec>
{
    private readonly GlobFieldMatcher _name;
    private readonly VersionSpec? _version;
    private readonly BuildNumberSpec? _buildNumber;
    private readonly SortedDictionary<MatchSpecField, FieldMatcher> _fields;
    private readonly string _text;

    private MatchSpec(string original, List<KeyValuePair<string, string>> values)
    {
        var latest = new Dictionary<MatchSpecField, string>();
        var unknown = new List<string>();
        foreach (KeyValuePair<string, string> pair in values)
        {
            if (MatchSpecFields.TryGet(pair.Key, out MatchSpecField? field))
            {
                latest[field.Value] = pair.Value;
            }
            else if (!unknown.Contains(pair.Key))
            {
                unknown.Add(pair.Key);
            }
        }

        if (unknown.Count > 0)
        {
            throw InvalidMatchSpecException.For(
                original,
                "Cannot match on field(s): {" + string.Join(", ", unknown.Select(u => $"'{u}'")) + "}");
        }

        _fields = [];
        foreach ((MatchSpecField field, string value) in latest)
        {
            switch (field)
            {
                case MatchSpecField.Version:
                    _version = Wrap(original, () => VersionSpec.Parse(value));
                    break;
                case MatchSpecField.BuildNumber:
                    _buildNumber = Wrap(original, () => BuildNumberSpec.Parse(value));
                    break;
                default:
                    _fields[field] = CreateMatcher(field, value);
                    break;
            }
        }

        _name = _fields.TryGetValue(MatchSpecField.Name, out FieldMatcher? name)
            ? (GlobFieldMatcher)name
            : new GlobFieldMatcher("*", lowerCaseValue: true, ignoreInputCase: false);
        _fields.Remove(MatchSpecField.Name);
        _text = MatchSpecFormatter.Format(_name, _version, _buildNumber, _fields);
    }

    /// <summary>The exact package name, or <c>*</c> when the name is a pattern or not given.</summary>
    public string Name => _name.IsExact ? _name.Text : "*";

    /// <summary>The version constraint, if any.</summary>
    public VersionSpec? Version => _version;

    /// <summary>The build string constraint (an exact string, a glob or a <c>^...$</c> regex), if any.</summary>
    public string? Build => Field(MatchSpecField.Build);

    /// <summary>The build number constraint, if any.</summary>
    public BuildNumberSpec? BuildNumber => _buildNumber;

    /// <summary>The channel (canonical name, URL, or pattern), if any.</summary>
    public string? Channel => Field(MatchSpecField.Channel);

    /// <summary>The subdir, if any.</summary>
    public string? Subdir => Field(MatchSpecField.Subdir);

    /// <summary>Parses a match spec.</summary>
    /// <param name="spec">The spec string.</param>
    /// <returns>The parsed spec.</returns>
    /// <exception cref="InvalidMatchSpecException">The spec is not valid; a version problem is the inner exception.</exception>
    public static MatchSpec Parse(string spec) => Parse(spec, MatchSpecSyntax.Classic);

    /// <summary>Parses a match spec with the given grammar.</summary>
    /// <param name="spec">The spec string.</param>
    /// <param name="syntax">The grammar: conda's default, or its extended repodata v3 grammar.</param>
    /// <returns>The parsed spec.</returns>
    /// <exception cref="InvalidMatchSpecException">The spec is not valid; a version problem is the inner exception.</exception>
    public static MatchSpec Parse(string spec, MatchSpecSyntax syntax)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new MatchSpec(spec, MatchSpecParser.Parse(spec, syntax));
    }

    /// <summary>Parses a match spec without throwing.</summary>
    /// <param name="spec">The spec string.</param>
    /// <param name="result">The parsed spec, or <c>null</c> when the string is not valid.</param>
    /// <returns>Whether the string is a valid match spec.</returns>
    public static bool TryParse([NotNullWhen(true)] string? spec, [NotNullWhen(true)] out MatchSpec? result) =>
        TryParse(spec, MatchSpecSyntax.Classic, out result);

    /// <summary>Parses a match spec with the given grammar without throwing.</summary>
    /// <param name="spec">The spec string.</param>
    /// <param name="syntax">The grammar: conda's default, or its extended repodata v3 grammar.</param>
    /// <param name="result">The parsed spec, or <c>null</c> when the string is not valid.</param>
    /// <returns>Whether the string is a valid match spec.</returns>
    public static bool TryParse([NotNullWhen(true)] string? spec, MatchSpecSyntax syntax, [NotNullWhen(true)] out MatchSpec? result)
    {
        result = null;
        if (spec is null)
        {
            return false;
        }

        try
        {
            result = Parse(spec, syntax);
            return true;
        }
        catch (InvalidMatchSpecException)
        {
            return false;
        }
    }

    /// <summary>
    /// Combines the specs that name the same package into one spec that satisfies all of them
    /// (conda's <c>MatchSpec.merge</c>): version specs are joined with <c>,</c>, exact fields must
    /// agree, and build globs are narrowed. Specs whose name is a pattern are returned unmerged,
    /// after the merged ones.
    /// </summary>
    /// <param name="specs">The specs to merge.</param>
    /// <returns>One spec per package name, then the specs without an exact name.</returns>
    /// <exception cref="ArgumentException">Two specs for the same package cannot be combined (e.g. different exact builds).</exception>
    public static IReadOnlyList<MatchSpec> Merge(IEnumerable<MatchSpec> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        return MatchSpecMerger.Merge(specs);
    }

    /// <summary>
    /// The value of a field as conda prints it, by conda's field name (<c>name</c>, <c>version</c>,
    /// <c>build</c>, <c>build_number</c>, <c>channel</c>, <c>subdir</c>, <c>md5</c>, <c>sha256</c>,
    /// <c>url</c>, <c>fn</c>, <c>license</c>, <c>license_family</c>, <c>features</c>,
    /// <c>track_features</c>, <c>when</c>, <c>extras</c>, <c>flags</c>).
    /// </summary>
    /// <param name="field">The field name.</param>
    /// <returns>The value, or <c>null</c> when the spec does not constrain the field.</returns>
    public string? Get(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (!MatchSpecFields.TryGet(field, out MatchSpecField? known))
        {
            return null;
        }

        return known.Value switch
        {
            MatchSpecField.Name => _name.Text,
            MatchSpecField.Version => _version?.Spec,
            MatchSpecField.BuildNumber => _buildNumber?.Spec,
            _ => Field(known.Value),
        };
    }

    /// <summary>
    /// Whether <paramref name="record"/> satisfies every constraint of the spec. The <c>when</c>,
    /// <c>extras</c> and <c>flags</c> fields do not restrict matching.
    /// </summary>
    /// <param name="record">The package record.</param>
    /// <returns>Whether it matches.</returns>
    /// <exception cref="InvalidVersionSpecException">The version must be compared and the record's version is not valid.</exception>
    /// <exception cref="System.Text.RegularExpressions.RegexMatchTimeoutException">A <c>^...$</c> pattern that needs backtracking (lookarounds, backreferences) ran longer than a second.</exception>
    public bool Matches(MatchableRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_name.Matches(record.Name))
        {
            return false;
        }

        if (_buildNumber is not null && !_buildNumber.Matches(record.BuildNumber))
        {
            return false;
        }

        foreach ((MatchSpecField field, FieldMatcher matcher) in _fields)
        {
            // A condition says when a dependency applies, not which packages satisfy it.
            if (field != MatchSpecField.When && !matcher.Matches(ValueOf(record, field)))
            {
                return false;
            }
        }

        return _version is null || _version.Matches(record.Version);
    }

    /// <summary>The canonical string form, as conda prints it (e.g. <c>conda-forge/linux-64::numpy==1.7.1=py27_0</c>).</summary>
    /// <returns>The canonical string.</returns>
    public override string ToString() => _text;

    /// <inheritdoc/>
    public bool Equals(MatchSpec? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return _name.Text == other._name.Text
            && _version == other._version
            && Equals(_buildNumber, other._buildNumber)
            && _fields.Count == other._fields.Count
            && _fields.All(p => other._fields.TryGetValue(p.Key, out FieldMatcher? o) && o.Text == p.Value.Text);
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MatchSpec other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_name.Text, StringComparer.Ordinal);
        hash.Add(_version);
        hash.Add(_buildNumber);
        foreach ((MatchSpecField field, FieldMatcher matcher) in _fields)
        {
            hash.Add(field);
            hash.Add(matcher.Text, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>Whether two specs constrain the same fields the same way.</summary>
    /// <param name="left">The left spec.</param>
    /// <param name="right">The right spec.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(MatchSpec? left, MatchSpec? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Whether two specs differ.</summary>
    /// <param name="left">The left spec.</param>
    /// <param name="right">The right spec.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(MatchSpec? left, MatchSpec? right) => !(left == right);

    /// <summary>Parses one spec of a <c>when=</c> condition: extended grammar, no nested <c>when</c>.</summary>
    internal static MatchSpec ParseCondition(string spec) =>
        new(spec, MatchSpecParser.Parse(spec, MatchSpecSyntax.Extended, insideCondition: true));

    /// <summary>Makes a spec from raw field values (conda field names), as <see cref="Merge"/> produces them.</summary>
    internal static MatchSpec FromFields(List<KeyValuePair<string, string>> fields)
    {
        string description = string.Join(", ", fields.Select(p => $"{p.Key}={p.Value}"));
        return new MatchSpec(description, fields);
    }

    /// <summary>The constrained fields as raw strings that <see cref="FromFields"/> accepts again.</summary>
    internal IReadOnlyDictionary<string, string> RawFields()
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["name"] = _name.Text };
        if (_version is not null)
        {
            fields["version"] = _version.Spec;
        }

        if (_buildNumber is not null)
        {
            fields["build_number"] = _buildNumber.Spec;
        }

        foreach ((MatchSpecField field, FieldMatcher matcher) in _fields)
        {
            fields[MatchSpecFields.NameOf(field)] = matcher is StringListFieldMatcher list ? StringList.Encode(list.Items) : matcher.Text;
        }

        return fields;
    }

    /// <summary>conda's <c>get_exact_value</c>: the field's value when it is exact, otherwise <c>null</c>.</summary>
    internal string? GetExactValue(string field)
    {
        if (!MatchSpecFields.TryGet(field, out MatchSpecField? known))
        {
            return null;
        }

        return known.Value switch
        {
            MatchSpecField.Name => _name.IsExact ? _name.Text : null,
            MatchSpecField.Version => _version is { IsExact: true } ? _version.Spec : null,
            MatchSpecField.BuildNumber => _buildNumber?.ExactValue?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => _fields.TryGetValue(known.Value, out FieldMatcher? matcher) && matcher.IsExact ? matcher.Text : null,
        };
    }

    /// <summary>The items of a list field (<c>extras</c>, <c>flags</c>) in the order given, or <c>null</c>.</summary>
    internal IReadOnlyList<string>? GetList(string field) =>
        MatchSpecFields.TryGet(field, out MatchSpecField? known) && _fields.GetValueOrDefault(known.Value) is StringListFieldMatcher list
            ? list.Items
            : null;

    /// <summary>conda's <c>strictness</c> (kept for conda-build): 1 name only, 2 name and version, 3 anything more.</summary>
    internal int Strictness
    {
        get
        {
            bool hasBuild = _fields.ContainsKey(MatchSpecField.Build);
            int constrained = 1 + (_version is null ? 0 : 1) + (_buildNumber is null ? 0 : 1) + _fields.Count;
            int basic = 1 + (_version is null ? 0 : 1) + (hasBuild ? 1 : 0);
            if (basic < constrained || !_name.IsExact || hasBuild)
            {
                return 3;
            }

            return _version is null ? 1 : 2;
        }
    }

    /// <summary>conda's <c>conda_build_form</c>: <c>name [version [build]]</c>, space-separated.</summary>
    internal string ToCondaBuildForm()
    {
        if (!_name.IsExact)
        {
            throw new InvalidOperationException("conda_build_form requires a non-empty spec name.");
        }

        string? build = Build;
        if (build is not null)
        {
            return $"{_name.Text} {_version?.Spec ?? "*"} {build}";
        }

        return _version is null ? _name.Text : $"{_name.Text} {_version.Spec}";
    }

    /// <summary>conda's <c>conda_env_form</c>: the canonical string without channel and with <c>=</c> for <c>==</c>.</summary>
    internal string ToCondaEnvForm()
    {
        string text = _text;
        int channelEnd = text.IndexOf("::", StringComparison.Ordinal);
        if (channelEnd >= 0)
        {
            text = text[(channelEnd + 2)..];
        }

        int equals = text.IndexOf("==", StringComparison.Ordinal);
        return equals >= 0 ? text.Remove(equals, 1) : text;
    }

    private static T Wrap<T>(string original, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (InvalidVersionSpecException e)
        {
            throw new InvalidMatchSpecException(original, e.Message, e);
        }
    }

    private static FieldMatcher CreateMatcher(MatchSpecField field, string value) => field switch
    {
        MatchSpecField.Channel => new ChannelFieldMatcher(value),
        MatchSpecField.Name => new GlobFieldMatcher(value, lowerCaseValue: true, ignoreInputCase: false),
        MatchSpecField.Build => new GlobFieldMatcher(value, lowerCaseValue: false, ignoreInputCase: false),
        MatchSpecField.License or MatchSpecField.LicenseFamily or MatchSpecField.When =>
            new GlobFieldMatcher(value, lowerCaseValue: true, ignoreInputCase: true),
        MatchSpecField.TrackFeatures or MatchSpecField.Features => new FeatureSetFieldMatcher(value),
        MatchSpecField.Extras or MatchSpecField.Flags => new StringListFieldMatcher(value),
        _ => new ExactFieldMatcher(value),
    };

    private static string? ValueOf(MatchableRecord record, MatchSpecField field) => field switch
    {
        MatchSpecField.Channel => record.Channel,
        MatchSpecField.Subdir => record.Subdir,
        MatchSpecField.Build => record.Build,
        MatchSpecField.TrackFeatures => record.TrackFeatures,
        MatchSpecField.Features => record.Features,
        MatchSpecField.Url => record.Url,
        MatchSpecField.Md5 => record.Md5,
        MatchSpecField.Sha256 => record.Sha256,
        MatchSpecField.License => record.License,
        MatchSpecField.LicenseFamily => record.LicenseFamily,
        MatchSpecField.Fn => record.FileName,
        _ => null,
    };

    private string? Field(MatchSpecField field) => _fields.TryGetValue(field, out FieldMatcher? matcher) ? matcher.Text : null;
}
