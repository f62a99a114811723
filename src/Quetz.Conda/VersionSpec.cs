using System.Diagnostics.CodeAnalysis;

namespace Quetz.Conda;

/// <summary>
/// A conda version spec (<c>conda.models.version.VersionSpec</c>), for example <c>&gt;=1.2,&lt;2</c>,
/// <c>1.7.*|1.8.*</c>, <c>~=3.3.2</c> or <c>^1\.7\.[0-9]+$</c>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>==v</c>, <c>!=v</c>, <c>&lt;v</c>, <c>&lt;=v</c>, <c>&gt;v</c>, <c>&gt;=v</c> compare in <see cref="VersionOrder"/> order; a bare <c>v</c> means <c>==v</c>.</item>
/// <item><c>=v</c>, <c>v.*</c> and <c>v*</c> match versions that start with <c>v</c> (<see cref="VersionOrder.StartsWith"/>); <c>!=v.*</c> excludes them.</item>
/// <item><c>~=v</c> is the compatible-release operator (<see cref="VersionOrder.IsCompatibleWith(VersionOrder)"/>).</item>
/// <item><c>*</c> matches everything; a star inside the spec (<c>1.*.1</c>) is a glob over the version string; <c>^...$</c> is a regular expression.</item>
/// <item><c>,</c> (and) binds tighter than <c>|</c> (or); parentheses group.</item>
/// </list>
/// Two specs are equal when their canonical strings (<see cref="Spec"/>) are equal.
/// </remarks>
public sealed class VersionSpec : IEquatable<VersionSpec>
{
    private readonly VersionSpecNode _root;

    private VersionSpec(VersionSpecNode root)
    {
        _root = root;
    }

    /// <summary>The spec <c>*</c>, which every version matches.</summary>
    public static VersionSpec Any { get; } = new(AnyVersionNode.Instance);

    /// <summary>
    /// The canonical string, as conda prints it: <c>1.7*</c> becomes <c>1.7.*</c>, and
    /// groups are joined with <c>,</c> and <c>|</c> without their parentheses.
    /// </summary>
    public string Spec => _root.Spec;

    /// <summary>Whether the spec pins a single exact version (<c>1.2</c> or <c>==1.2</c>).</summary>
    public bool IsExact => _root.IsExact;

    /// <summary>Parses a version spec.</summary>
    /// <param name="spec">The spec string.</param>
    /// <returns>The parsed spec.</returns>
    /// <exception cref="InvalidVersionSpecException">The spec is not valid.</exception>
    public static VersionSpec Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new VersionSpec(VersionSpecParser.Parse(spec));
    }

    /// <summary>Parses a version spec without throwing.</summary>
    /// <param name="spec">The spec string.</param>
    /// <param name="result">The parsed spec, or <c>null</c> when the string is not valid.</param>
    /// <returns>Whether the string is a valid version spec.</returns>
    public static bool TryParse([NotNullWhen(true)] string? spec, [NotNullWhen(true)] out VersionSpec? result)
    {
        result = null;
        if (spec is null)
        {
            return false;
        }

        try
        {
            result = Parse(spec);
            return true;
        }
        catch (InvalidVersionSpecException)
        {
            return false;
        }
    }

    /// <summary>Whether <paramref name="version"/> satisfies the spec.</summary>
    /// <param name="version">A version string; regex and glob specs match it as given.</param>
    /// <returns>Whether it matches.</returns>
    /// <exception cref="InvalidVersionSpecException">The spec needs to compare versions and <paramref name="version"/> is not a valid version.</exception>
    /// <exception cref="System.Text.RegularExpressions.RegexMatchTimeoutException">A <c>^...$</c> pattern that needs backtracking (lookarounds, backreferences) ran longer than a second.</exception>
    public bool Matches(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        VersionOrder? parsed = null;
        return _root.Matches(version, ref parsed);
    }

    /// <summary>Whether <paramref name="version"/> satisfies the spec.</summary>
    /// <param name="version">A parsed version; regex and glob specs match its normalized string.</param>
    /// <returns>Whether it matches.</returns>
    public bool Matches(VersionOrder version)
    {
        ArgumentNullException.ThrowIfNull(version);
        VersionOrder? parsed = version;
        return _root.Matches(version.ToString(), ref parsed);
    }

    /// <inheritdoc/>
    public bool Equals(VersionSpec? other) =>
        other is not null && string.Equals(Spec, other.Spec, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is VersionSpec other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => string.GetHashCode(Spec, StringComparison.Ordinal);

    /// <summary>The canonical string (<see cref="Spec"/>).</summary>
    /// <returns>The canonical string.</returns>
    public override string ToString() => Spec;

    /// <summary>Whether two specs have the same canonical string.</summary>
    /// <param name="left">The left spec.</param>
    /// <param name="right">The right spec.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(VersionSpec? left, VersionSpec? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>Whether two specs have different canonical strings.</summary>
    /// <param name="left">The left spec.</param>
    /// <param name="right">The right spec.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(VersionSpec? left, VersionSpec? right) => !(left == right);
}
