namespace Quetz.Conda;

/// <summary>
/// The kinds of version sub-components, declared in their sort order:
/// any string sorts before any number, and <c>post</c> sorts after everything.
/// </summary>
internal enum VersionAtomKind : byte
{
    /// <summary>A lower-case run of non-digits (<c>dev</c> is stored upper-case so it sorts first).</summary>
    String = 0,

    /// <summary>A run of digits.</summary>
    Number = 1,

    /// <summary>The special string <c>post</c>, which behaves like positive infinity.</summary>
    Infinity = 2,
}
