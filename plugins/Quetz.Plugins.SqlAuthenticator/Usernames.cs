namespace Quetz.Plugins.SqlAuthenticator;

/// <summary>A user name becomes the identity and the Quetz user name: at most 256 characters, none of them control characters.</summary>
internal static class Usernames
{
    public const int MaxLength = 256;

    public static bool IsValid(string username) =>
        username.Length is > 0 and <= MaxLength && !username.Any(char.IsControl) && username.Trim() == username;
}
