using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Quetz.Conda;

/// <summary>
/// A parsed conda version with conda's ordering (<c>conda.models.version.VersionOrder</c>).
/// </summary>
/// <remarks>
/// <para>
/// A version is <c>[epoch!]version[+local]</c>. It is trimmed and lower-cased; dashes become
/// underscores when the string has no underscore. The version and local parts are split into
/// components at <c>.</c> and <c>_</c>, and each component into runs of digits, runs of <c>*</c>
/// and runs of other characters. A component that does not start with a digit gets a leading 0,
/// so <c>1.1.a1 == 1.1.0a1</c>.
/// </para>
/// <para>
/// Components are compared in order, missing sub-components counting as 0 (so <c>1.0 == 1.0.0</c>).
/// Strings sort before numbers, <c>dev</c> sorts before every other string and <c>post</c> after
/// everything. The local part only counts when the versions are otherwise equal. A trailing
/// underscore (<c>1.0.1_</c>) sorts before letters, for openssl-style versions.
/// </para>
/// <para>Instances are immutable; parse once and compare many times.</para>
/// </remarks>
public sealed class VersionOrder : IComparable<VersionOrder>, IComparable, IEquatable<VersionOrder>
{
    private readonly string _normalized;
    private readonly VersionAtom[][] _version;
    private readonly VersionAtom[][] _local;
    private readonly int _hashCode;

    private VersionOrder(string normalized, VersionAtom[][] version, VersionAtom[][] local)
    {
        _normalized = normalized;
        _version = version;
        _local = local;
        _hashCode = ComputeHashCode();
    }

    /// <summary>Whether the version has a local part (<c>+...</c>).</summary>
    public bool HasLocalVersion => _local.Length > 0;

    /// <summary>Parses a conda version string.</summary>
    /// <param name="version">The version, for example <c>1.2.3</c>, <c>1!2.0</c> or <c>1.0+local.1</c>.</param>
    /// <returns>The parsed version.</returns>
    /// <exception cref="InvalidVersionSpecException">The string is not a valid conda version.</exception>
    public static VersionOrder Parse(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (!VersionOrderParser.TryParse(version, out string normalized, out var main, out var local, out string? error))
        {
            throw InvalidVersionSpecException.For(version, error!);
        }

        return new VersionOrder(normalized, main, local);
    }

    /// <summary>Parses a conda version string without throwing.</summary>
    /// <param name="version">The version string.</param>
    /// <param name="result">The parsed version, or <c>null</c> when the string is not valid.</param>
    /// <returns>Whether the string is a valid conda version.</returns>
    public static bool TryParse([NotNullWhen(true)] string? version, [NotNullWhen(true)] out VersionOrder? result)
    {
        if (version is not null
            && VersionOrderParser.TryParse(version, out string normalized, out var main, out var local, out _))
        {
            result = new VersionOrder(normalized, main, local);
            return true;
        }

        result = null;
        return false;
    }

    /// <summary>
    /// Whether this version starts with <paramref name="prefix"/> the way conda's <c>1.2.*</c> and
    /// <c>=1.2</c> specs mean it: all components of the prefix but the last are equal, and the last
    /// one is a prefix of the corresponding component (<c>1.2.3</c> and <c>1.2</c> start with
    /// <c>1.2</c>; <c>2013ab</c> starts with <c>2013a</c>; <c>1.20</c> does not start with <c>1.2</c>).
    /// </summary>
    /// <param name="prefix">The prefix version.</param>
    /// <returns>Whether this version starts with <paramref name="prefix"/>.</returns>
    public bool StartsWith(VersionOrder prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        VersionAtom[][] mine;
        VersionAtom[][] theirs;
        if (prefix._local.Length > 0)
        {
            if (!PartsEqual(_version, prefix._version))
            {
                return false;
            }

            mine = _local;
            theirs = prefix._local;
        }
        else
        {
            mine = _version;
            theirs = prefix._version;
        }

        int last = theirs.Length - 1;
        if (!PartsEqual(mine.AsSpan(0, Math.Min(last, mine.Length)), theirs.AsSpan(0, last)))
        {
            return false;
        }

        VersionAtom[] mineComponent = mine.Length <= last ? [] : mine[last];
        VersionAtom[] theirComponent = theirs[last];
        int lastAtom = theirComponent.Length - 1;
        if (!ComponentsEqual(
                mineComponent.AsSpan(0, Math.Min(lastAtom, mineComponent.Length)),
                theirComponent.AsSpan(0, lastAtom)))
        {
            return false;
        }

        VersionAtom mineAtom = mineComponent.Length <= lastAtom ? VersionAtom.Zero : mineComponent[lastAtom];
        VersionAtom theirAtom = theirComponent[lastAtom];
        if (theirAtom.Kind == VersionAtomKind.String)
        {
            return mineAtom.Kind == VersionAtomKind.String
                && mineAtom.Text.StartsWith(theirAtom.Text, StringComparison.Ordinal);
        }

        return mineAtom.Equals(theirAtom);
    }

    /// <summary>
    /// conda's compatible-release operator (<c>~=</c>): this version is at least
    /// <paramref name="release"/> and starts with <paramref name="release"/> minus its last
    /// dot-separated segment (<c>~=1.10</c> accepts <c>1.11</c> but not <c>2.0</c>).
    /// </summary>
    /// <param name="release">The release to be compatible with.</param>
    /// <returns>Whether this version is a compatible release of <paramref name="release"/>.</returns>
    /// <exception cref="InvalidVersionSpecException"><paramref name="release"/> has a single segment.</exception>
    public bool IsCompatibleWith(VersionOrder release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return IsCompatibleWith(release, CompatiblePrefixOf(release));
    }

    /// <inheritdoc/>
    public int CompareTo(VersionOrder? other)
    {
        if (other is null)
        {
            return 1;
        }

        if (ReferenceEquals(this, other))
        {
            return 0;
        }

        int result = CompareParts(_version, other._version);
        return result != 0 ? result : CompareParts(_local, other._local);
    }

    /// <inheritdoc/>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        VersionOrder other => CompareTo(other),
        _ => throw new ArgumentException("Object must be a VersionOrder.", nameof(obj)),
    };

    /// <inheritdoc/>
    public bool Equals(VersionOrder? other) =>
        other is not null && (ReferenceEquals(this, other) || (_hashCode == other._hashCode && CompareTo(other) == 0));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is VersionOrder other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _hashCode;

    /// <summary>The normalized version string: trimmed, lower-cased, dashes replaced as conda does.</summary>
    /// <returns>The normalized version string.</returns>
    public override string ToString() => _normalized;

    /// <summary>Whether two versions are equal in conda's order (<c>1.0 == 1.0.0</c>).</summary>
    /// <param name="left">The left version.</param>
    /// <param name="right">The right version.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(VersionOrder? left, VersionOrder? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>Whether two versions differ in conda's order.</summary>
    /// <param name="left">The left version.</param>
    /// <param name="right">The right version.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(VersionOrder? left, VersionOrder? right) => !(left == right);

    /// <summary>Whether <paramref name="left"/> sorts before <paramref name="right"/>.</summary>
    /// <param name="left">The left version.</param>
    /// <param name="right">The right version.</param>
    /// <returns>Whether left &lt; right.</returns>
    public static bool operator <(VersionOrder? left, VersionOrder? right) => Compare(left, right) < 0;

    /// <summary>Whether <paramref name="left"/> sorts after <paramref name="right"/>.</summary>
    /// <param name="left">The left version.</param>
    /// <param name="right">The right version.</param>
    /// <returns>Whether left &gt; right.</returns>
    public static bool operator >(VersionOrder? left, VersionOrder? right) => Compare(left, right) > 0;

    /// <summary>Whether <paramref name="left"/> sorts before or equal to <paramref name="right"/>.</summary>
    /// <param name="left">The left version.</param>
    /// <param name="right">The right version.</param>
    /// <returns>Whether left &lt;= right.</returns>
    public static bool operator <=(VersionOrder? left, VersionOrder? right) => Compare(left, right) <= 0;

    /// <summary>Whether <paramref name="left"/> sorts after or equal to <paramref name="right"/>.</summary>
    /// <param name="left">The left version.</param>
    /// <param name="right">The right version.</param>
    /// <returns>Whether left &gt;= right.</returns>
    public static bool operator >=(VersionOrder? left, VersionOrder? right) => Compare(left, right) >= 0;

    /// <summary>
    /// The version conda's <c>~=</c> operator requires a candidate to start with: the normalized
    /// string of <paramref name="release"/> without its last dot-separated segment.
    /// </summary>
    internal static VersionOrder CompatiblePrefixOf(VersionOrder release)
    {
        int dot = release._normalized.LastIndexOf('.');
        if (dot <= 0)
        {
            throw InvalidVersionSpecException.For(
                "~=" + release._normalized,
                "the compatible release operator needs a version with at least two segments");
        }

        return Parse(release._normalized[..dot]);
    }

    internal bool IsCompatibleWith(VersionOrder release, VersionOrder prefix) =>
        CompareTo(release) >= 0 && StartsWith(prefix);

    /// <summary>The version components as conda's tests print them, e.g. <c>[[0], [1], [1, 'a', 1]]</c>.</summary>
    internal string FormatVersionComponents() => Format(_version);

    /// <summary>The local-version components, formatted like <see cref="FormatVersionComponents"/>.</summary>
    internal string FormatLocalComponents() => Format(_local);

    private static int Compare(VersionOrder? left, VersionOrder? right) =>
        left is null ? (right is null ? 0 : -1) : left.CompareTo(right);

    private static int CompareParts(VersionAtom[][] left, VersionAtom[][] right)
    {
        int count = Math.Max(left.Length, right.Length);
        for (int i = 0; i < count; i++)
        {
            VersionAtom[] a = i < left.Length ? left[i] : [];
            VersionAtom[] b = i < right.Length ? right[i] : [];
            int atoms = Math.Max(a.Length, b.Length);
            for (int j = 0; j < atoms; j++)
            {
                int result = (j < a.Length ? a[j] : VersionAtom.Zero).CompareTo(j < b.Length ? b[j] : VersionAtom.Zero);
                if (result != 0)
                {
                    return result;
                }
            }
        }

        return 0;
    }

    private static bool PartsEqual(ReadOnlySpan<VersionAtom[]> left, ReadOnlySpan<VersionAtom[]> right)
    {
        int count = Math.Max(left.Length, right.Length);
        for (int i = 0; i < count; i++)
        {
            if (!ComponentsEqual(i < left.Length ? left[i] : [], i < right.Length ? right[i] : []))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ComponentsEqual(ReadOnlySpan<VersionAtom> left, ReadOnlySpan<VersionAtom> right)
    {
        int count = Math.Max(left.Length, right.Length);
        for (int j = 0; j < count; j++)
        {
            if (!(j < left.Length ? left[j] : VersionAtom.Zero).Equals(j < right.Length ? right[j] : VersionAtom.Zero))
            {
                return false;
            }
        }

        return true;
    }

    private static string Format(VersionAtom[][] components)
    {
        var builder = new StringBuilder("[");
        for (int i = 0; i < components.Length; i++)
        {
            builder.Append(i == 0 ? "[" : ", [");
            builder.AppendJoin(", ", components[i]);
            builder.Append(']');
        }

        return builder.Append(']').ToString();
    }

    /// <summary>
    /// Hashes the canonical form: trailing zero sub-components and trailing empty components are
    /// dropped, because missing values compare as 0 (so <c>1.0</c> and <c>1.0.0</c> hash alike).
    /// </summary>
    private int ComputeHashCode()
    {
        var hash = new HashCode();
        AddPart(ref hash, _version);
        hash.Add(-1);
        AddPart(ref hash, _local);
        return hash.ToHashCode();
    }

    private static void AddPart(ref HashCode hash, VersionAtom[][] components)
    {
        int lastComponent = components.Length - 1;
        while (lastComponent >= 0 && SignificantLength(components[lastComponent]) == 0)
        {
            lastComponent--;
        }

        for (int i = 0; i <= lastComponent; i++)
        {
            VersionAtom[] atoms = components[i];
            int length = SignificantLength(atoms);
            for (int j = 0; j < length; j++)
            {
                hash.Add(atoms[j]);
            }

            hash.Add(int.MinValue);
        }
    }

    private static int SignificantLength(VersionAtom[] atoms)
    {
        int length = atoms.Length;
        while (length > 0 && atoms[length - 1].IsZero)
        {
            length--;
        }

        return length;
    }
}
