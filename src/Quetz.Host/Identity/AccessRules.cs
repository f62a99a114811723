using Microsoft.EntityFrameworkCore;
using Quetz.Abstractions.Identity;
using Quetz.Host.Data;
using Quetz.Host.Http;

namespace Quetz.Host.Identity;

/// <summary>
/// quetz's permission matrix (its <c>authorization.Rules</c>): server roles, channel roles and package roles,
/// with server owners and maintainers ("elevated") passing every channel and package check.
/// </summary>
internal sealed class AccessRules(CallerResolver callers, QuetzDbContext db, IEnumerable<IServerRoleCheck> serverRoleChecks)
{
    private static readonly string[] OwnerOrMaintainerRequired = ["this operation requires owner or maintainer roles"];
    private string? _serverRole;
    private bool _serverRoleLoaded;
    private bool _serverRoleChecked;

    public ValueTask<Caller> CallerAsync(CancellationToken ct) => callers.GetAsync(ct);

    /// <summary>The permission identity, or 401 "Not logged in" (also when the user row is gone).</summary>
    public async Task<Guid> RequireUserAsync(CancellationToken ct)
    {
        var caller = await callers.GetAsync(ct);
        if (caller.UserId is not { } id || !await db.Users.AnyAsync(u => u.Id == id, ct))
        {
            throw ApiException.NotLoggedIn();
        }

        return id;
    }

    /// <summary>The person to credit (the key's owner for scoped keys), or 401.</summary>
    public async Task<Guid> RequireOwnerAsync(CancellationToken ct)
    {
        var caller = await callers.GetAsync(ct);
        if (caller.OwnerId is not { } id || !await db.Users.AnyAsync(u => u.Id == id, ct))
        {
            throw ApiException.NotLoggedIn();
        }

        return id;
    }

    public async Task<string?> ServerRoleAsync(CancellationToken ct)
    {
        if (!_serverRoleLoaded)
        {
            var caller = await callers.GetAsync(ct);
            _serverRole = caller.UserId is { } id
                ? await db.Users.Where(u => u.Id == id).Select(u => u.Role).FirstOrDefaultAsync(ct)
                : null;
            _serverRoleLoaded = true;
        }

        return _serverRole;
    }

    /// <summary>Server owners and maintainers pass channel and package checks, once the plugins' server-role checks let them.</summary>
    public async Task<bool> IsElevatedAsync(CancellationToken ct)
    {
        if (await ServerRoleAsync(ct) is not (Roles.Owner or Roles.Maintainer))
        {
            return false;
        }

        await RequireServerRoleChecksAsync(ct);
        return true;
    }

    /// <summary>401 when anonymous, 403 with quetz's one-element-list detail when the server role is not enough.</summary>
    public async Task RequireServerRolesAsync(string[] roles, CancellationToken ct, string? message = null)
    {
        await RequireUserAsync(ct);
        var role = await ServerRoleAsync(ct);
        if (!roles.Contains(role))
        {
            throw new ApiException(StatusCodes.Status403Forbidden,
                new[] { message ?? $"this operation requires {string.Join(" or ", roles)} roles" });
        }

        await RequireServerRoleChecksAsync(ct);
    }

    /// <summary>
    /// The caller as plugins see it, or null when anonymous. A scoped API key acts as a user row of its own without a
    /// name; it is shown with its owner's, the person behind it.
    /// </summary>
    public async Task<QuetzUser?> CallerUserAsync(CancellationToken ct)
    {
        var caller = await callers.GetAsync(ct);
        if (caller.UserId is not { } id)
        {
            return null;
        }

        var user = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.Id, u.Username, u.Role }).FirstOrDefaultAsync(ct);
        if (user is null)
        {
            return null;
        }

        var name = user.Username ?? await db.Users.Where(u => u.Id == caller.OwnerId).Select(u => u.Username).FirstOrDefaultAsync(ct);
        return new QuetzUser(user.Id, name ?? "", user.Role);
    }

    /// <summary>The plugins' extra conditions on a server role that is about to grant something (quetz's check_additional_permissions).</summary>
    private async Task RequireServerRoleChecksAsync(CancellationToken ct)
    {
        if (_serverRoleChecked || !serverRoleChecks.Any())
        {
            return;
        }

        var user = await CallerUserAsync(ct);
        if (user is null)
        {
            return;
        }

        foreach (var check in serverRoleChecks)
        {
            if (await check.DenyAsync(user, ct) is { } reason)
            {
                throw ApiException.Forbidden(reason);
            }
        }

        _serverRoleChecked = true;
    }

    public async Task<string?> ChannelRoleAsync(string channelName, CancellationToken ct)
    {
        var caller = await callers.GetAsync(ct);
        return caller.UserId is { } id
            ? await db.ChannelMembers.Where(m => m.ChannelName == channelName && m.UserId == id).Select(m => m.Role).FirstOrDefaultAsync(ct)
            : null;
    }

    public async Task<string?> PackageRoleAsync(string channelName, string packageName, CancellationToken ct)
    {
        var caller = await callers.GetAsync(ct);
        return caller.UserId is { } id
            ? await db.PackageMembers
                .Where(m => m.ChannelName == channelName && m.PackageName == packageName && m.UserId == id)
                .Select(m => m.Role).FirstOrDefaultAsync(ct)
            : null;
    }

    public async Task<bool> HasChannelRoleAsync(string channelName, string[] roles, CancellationToken ct)
    {
        await RequireUserAsync(ct);
        if (await IsElevatedAsync(ct))
        {
            return true;
        }

        var role = await ChannelRoleAsync(channelName, ct);
        return roles.Contains(role);
    }

    public async Task RequireChannelRoleAsync(string channelName, string[] roles, CancellationToken ct)
    {
        if (!await HasChannelRoleAsync(channelName, roles, ct))
        {
            throw ApiException.Forbidden();
        }
    }

    /// <summary>A channel role from <paramref name="channelRoles"/> or a package role from <paramref name="packageRoles"/>.</summary>
    public async Task<bool> HasChannelOrPackageRoleAsync(
        string channelName, string packageName, string[] channelRoles, string[] packageRoles, CancellationToken ct)
    {
        if (await HasChannelRoleAsync(channelName, channelRoles, ct))
        {
            return true;
        }

        var role = await PackageRoleAsync(channelName, packageName, ct);
        return packageRoles.Contains(role);
    }

    public async Task RequireChannelOrPackageRoleAsync(
        string channelName, string packageName, string[] channelRoles, string[] packageRoles, CancellationToken ct)
    {
        if (!await HasChannelOrPackageRoleAsync(channelName, packageName, channelRoles, packageRoles, ct))
        {
            throw ApiException.Forbidden();
        }
    }

    /// <summary>Public channels are open to anyone; private ones to members and elevated users (401/403).</summary>
    public async Task RequireChannelReadAsync(Channel channel, CancellationToken ct)
    {
        if (channel.Private)
        {
            await RequireChannelRoleAsync(channel.Name, Roles.Any, ct);
        }
    }

    /// <summary>Package-level reads also admit members of the package itself.</summary>
    public async Task RequirePackageReadAsync(Channel channel, string packageName, CancellationToken ct)
    {
        if (channel.Private)
        {
            await RequireChannelOrPackageRoleAsync(channel.Name, packageName, Roles.Any, Roles.Any, ct);
        }
    }

    /// <summary>Reading or deleting a user, its role, channels and packages: the user itself or an elevated user.</summary>
    public async Task RequireSelfOrElevatedAsync(Guid userId, CancellationToken ct)
    {
        var me = await RequireUserAsync(ct);
        if (me != userId && !await IsElevatedAsync(ct))
        {
            throw new ApiException(StatusCodes.Status403Forbidden, OwnerOrMaintainerRequired);
        }
    }
}
