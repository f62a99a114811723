namespace Quetz.Abstractions.Identity;

/// <summary>The role names quetz uses for server, channel and package members.</summary>
public static class QuetzRoles
{
    /// <summary>Full control.</summary>
    public const string Owner = "owner";

    /// <summary>May change content and members, but not delete what they belong to.</summary>
    public const string Maintainer = "maintainer";

    /// <summary>May read.</summary>
    public const string Member = "member";
}
