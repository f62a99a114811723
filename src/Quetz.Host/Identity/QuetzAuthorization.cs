using Quetz.Abstractions.Identity;
using Quetz.Host.Channels;
using Quetz.Host.Data;

namespace Quetz.Host.Identity;

/// <summary>The permission rules offered to plugins, on top of the host's own <see cref="AccessRules"/>.</summary>
internal sealed class QuetzAuthorization(AccessRules rules, QuetzDbContext db) : IQuetzAuthorization
{
    public Task<QuetzUser?> GetUserAsync(CancellationToken cancellationToken) => rules.CallerUserAsync(cancellationToken);

    public async Task<QuetzUser> RequireUserAsync(CancellationToken cancellationToken)
    {
        await rules.RequireUserAsync(cancellationToken);
        return await rules.CallerUserAsync(cancellationToken) ?? throw Http.ApiException.NotLoggedIn();
    }

    public async Task<QuetzUser> RequireServerRoleAsync(IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        await rules.RequireServerRolesAsync([.. roles], cancellationToken);
        return await RequireUserAsync(cancellationToken);
    }

    public async Task RequireChannelReadAsync(string channel, CancellationToken cancellationToken) =>
        await ChannelLookup.GetReadableAsync(db, rules, channel, cancellationToken, "local", "mirror", "proxy");

    public async Task<QuetzUser> RequireChannelRoleAsync(string channel, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        var found = await ChannelLookup.GetAsync(db, channel, cancellationToken);
        await rules.RequireChannelRoleAsync(found.Name, [.. roles], cancellationToken);
        return await RequireUserAsync(cancellationToken);
    }
}
