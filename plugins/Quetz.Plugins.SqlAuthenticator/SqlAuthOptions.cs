using Microsoft.Extensions.Configuration;

namespace Quetz.Plugins.SqlAuthenticator;

/// <summary>The plugin's settings from <c>[plugins.sql_authenticator.settings]</c>: how many failed logins are allowed.</summary>
/// <param name="MaxFailuresPerUser">Failed logins of one user name within <paramref name="Window"/> before it is locked (5).</param>
/// <param name="MaxFailuresPerAddress">
/// Failed logins from one client address within <paramref name="Window"/> before it is locked (20: higher, since many
/// people may share an address behind a NAT or proxy, and an attacker guessing across many names is caught here).
/// </param>
/// <param name="Window">How far back failures count, and so how long a lock lasts at most (15 minutes).</param>
internal sealed record SqlAuthOptions(int MaxFailuresPerUser, int MaxFailuresPerAddress, TimeSpan Window)
{
    public static SqlAuthOptions From(IConfiguration settings) => new(
        Positive(settings["max_failures_per_user"], 5),
        Positive(settings["max_failures_per_address"], 20),
        TimeSpan.FromSeconds(Positive(settings["failure_window_seconds"], 900)));

    private static int Positive(string? text, int fallback) => int.TryParse(text, out var value) && value > 0 ? value : fallback;
}
