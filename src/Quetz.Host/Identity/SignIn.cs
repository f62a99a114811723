using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quetz.Abstractions.Identity;
using Quetz.Host.Config;
using Quetz.Host.Data;

namespace Quetz.Host.Identity;

/// <summary>
/// Logs in a person an authenticator verified: the user linked to the identity, or a new one with the deployment's
/// default role (a name already taken gets a numeric suffix, so no one inherits another person's account).
/// </summary>
internal sealed class SignIn(QuetzDbContext db, SessionCookie session, IOptions<UsersOptions> users) : ISignIn
{
    public async Task<QuetzUser> SignInAsync(HttpContext context, ExternalIdentity identity, CancellationToken cancellationToken)
    {
        var linked = db.Identities.Where(i => i.Provider == identity.Provider && i.IdentityId == identity.Id).Select(i => i.UserId);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => linked.Contains(u.Id), cancellationToken)
            ?? await CreateAsync(identity, cancellationToken);
        session.SignIn(context.Response, user.Id, identity.Provider);
        return new QuetzUser(user.Id, user.Username!, user.Role);
    }

    private async Task<User> CreateAsync(ExternalIdentity identity, CancellationToken ct)
    {
        var username = identity.Username;
        for (var i = 1; await db.Users.AnyAsync(u => u.Username == username, ct); i++)
        {
            username = $"{identity.Username}{i}";
        }

        var user = new User
        {
            Username = username,
            Role = users.Value.DefaultRole,
            Profile = new Profile { Name = identity.Name ?? username, AvatarUrl = identity.AvatarUrl ?? "" },
        };
        user.Identities.Add(new Data.Identity { Provider = identity.Provider, IdentityId = identity.Id, Username = identity.Username });
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return user;
    }
}
