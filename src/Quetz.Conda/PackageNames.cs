using System.Text.RegularExpressions;

namespace Quetz.Conda;

/// <summary>Package name validation (CEP-26), as conda applies it to match specs.</summary>
internal static partial class PackageNames
{
    /// <summary>Rejects invalid names; names with a '*' are patterns and are not checked. Case is ignored.</summary>
    public static void Validate(string name, string originalSpec)
    {
        if (name.Contains('*', StringComparison.Ordinal))
        {
            return;
        }

        string normalized = name.ToLowerInvariant();
        var invalid = new List<char>();
        foreach (char c in normalized)
        {
            bool ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-';
            if (!ok && !invalid.Contains(c))
            {
                invalid.Add(c);
            }
        }

        if (invalid.Count > 0)
        {
            throw InvalidMatchSpecException.For(
                originalSpec,
                $"package name contains invalid characters ({new string([.. invalid])})");
        }

        if (!NameRegex().IsMatch(normalized) && !VirtualNameRegex().IsMatch(normalized))
        {
            throw InvalidMatchSpecException.For(originalSpec, "invalid package name");
        }
    }

    /// <summary>
    /// A letter or digit (or an underscore not followed by another), an optional separator, then
    /// alphanumeric runs each ended by a single '.', '-', '_' or the end of the name.
    /// </summary>
    [GeneratedRegex("""^(([a-z0-9])|([a-z0-9_](?!_)))[._-]?([a-z0-9]+(\.|-|_|$))*$""", RegexOptions.CultureInvariant)]
    private static partial Regex NameRegex();

    /// <summary>Virtual packages: two underscores, then the same shape.</summary>
    [GeneratedRegex("""^__[a-z0-9][._-]?([a-z0-9]+(\.|-|_|$))*$""", RegexOptions.CultureInvariant)]
    private static partial Regex VirtualNameRegex();
}
