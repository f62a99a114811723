using Microsoft.EntityFrameworkCore;
using Quetz.Host.Data;
using Quetz.Host.Identity;

namespace Quetz.Host.Cli;

/// <summary>
/// Gives the server roles listed in <c>[users]</c> (<c>admins</c>, <c>maintainers</c>, <c>members</c> as
/// <c>"provider:username"</c>) to existing users whose role is unset or still the default role.
/// </summary>
internal static class UserRoles
{
    public static async Task ApplyAsync(QuetzDbContext db, Deployment deployment, CancellationToken ct)
    {
        var defaultRole = deployment.Settings.GetValueOrDefault("users:default_role");
        foreach (var (section, role) in new[] { ("admins", Roles.Owner), ("maintainers", Roles.Maintainer), ("members", Roles.Member) })
        {
            foreach (var entry in ListValues(deployment.Settings, $"users:{section}"))
            {
                var parts = entry.Split(':', 2);
                if (parts.Length != 2)
                {
                    throw new Config.ConfigException($"[users] {section}: '{entry}' is not of the form provider:username");
                }

                var (provider, username) = (parts[0], parts[1]);
                var user = await db.Identities.Where(i => i.Provider == provider && i.Username == username)
                    .Join(db.Users, i => i.UserId, u => u.Id, (_, u) => u).FirstOrDefaultAsync(ct);
                if (user is not null && (user.Role is null || user.Role == defaultRole))
                {
                    user.Role = role;
                }
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private static IEnumerable<string> ListValues(IReadOnlyDictionary<string, string?> settings, string key) =>
        settings.Where(kv => kv.Key.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase) && kv.Value is not null)
            .OrderBy(kv => int.Parse(kv.Key[(key.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            .Select(kv => kv.Value!);
}
