namespace Quetz.Host.Identity;

/// <summary>The three roles quetz knows, at server, channel and package level.</summary>
internal static class Roles
{
    public const string Owner = "owner";
    public const string Maintainer = "maintainer";
    public const string Member = "member";

    public static readonly string[] OwnerOrMaintainer = [Owner, Maintainer];
    public static readonly string[] Any = [Owner, Maintainer, Member];

    public static bool IsValid(string? role) => role is Owner or Maintainer or Member;
}
