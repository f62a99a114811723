using Microsoft.EntityFrameworkCore;
using Quetz.Host.Channels;
using Quetz.Host.Data;
using Quetz.Host.Http;
using Quetz.Host.Identity;

namespace Quetz.Host.Packages;

internal static class PackageLookup
{
    /// <summary>The channel and package behind a package route, after quetz's 404 and package-read checks.</summary>
    public static async Task<(Channel Channel, Package Package)> GetReadableAsync(
        QuetzDbContext db, AccessRules rules, string channel, string package, CancellationToken ct)
    {
        var found = await ChannelLookup.GetAsync(db, channel, ct);
        var pkg = await db.Packages.FirstOrDefaultAsync(p => p.ChannelName == found.Name && p.Name == package, ct)
            ?? throw ApiException.NotFound($"Package {found.Name}/{package} not found");
        await rules.RequirePackageReadAsync(found, pkg.Name, ct);
        return (found, pkg);
    }
}
