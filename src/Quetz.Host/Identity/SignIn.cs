using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quetz.Abstractions.Identity;
using Quetz.Host.Cli;
using Quetz.Host.Config;
using Quetz.Host.Data;

namespace Quetz.Host.Identity;

/// <summary>
/// Logs in a person an authenticator verified: the user linked to the identity, or a new one with the deployment's
/// default role or the role <c>[users]</c> gives its <c>provider:username</c> (a name already taken gets a numeric
/// suffix, so no one inherits another person's account).
/// </summary>
internal sealed class SignIn(QuetzDbContext db, SessionCookie session, IOptions<UsersOptions> users, Deployment deployment) : ISignIn
{
    public async Task<QuetzUser> SignInAsync(HttpContext context, ExternalIdentity identity, CancellationToken cancellationToken)
    {
        var user = await FindAsync(identity, cancellationToken);
        if (user is null)
        {
            try
            {
                await CreateAsync(identity, cancellationToken);
            }
            catch (DbUpdateException)
            {
                // A second login of the same new person created the user first.
                db.ChangeTracker.Clear();
            }

            user = await FindAsync(identity, cancellationToken) ?? throw new InvalidOperationException($"no user for {identity.Provider}:{identity.Id}");
        }

        session.SignIn(context.Response, user.Id, identity.Provider);
        return new QuetzUser(user.Id, user.Username!, user.Role);
    }

    private Task<User?> FindAsync(ExternalIdentity identity, CancellationToken ct)
    {
        var linked = db.Identities.Where(i => i.Provider == identity.Provider && i.IdentityId == identity.Id).Select(i => i.UserId);
        return db.Users.AsNoTracking().FirstOrDefaultAsync(u => linked.Contains(u.Id), ct);
    }

    /// <summary>Creates the user, then gives it the server role <c>[users]</c> lists for <c>provider:username</c>.</summary>
    private async Task CreateAsync(ExternalIdentity identity, CancellationToken ct)
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
        await UserRoles.ApplyAsync(db, deployment, ct);
        db.ChangeTracker.Clear();
    }
}
