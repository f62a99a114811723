using Microsoft.EntityFrameworkCore;
using Quetz.Abstractions.Identity;
using Quetz.Plugins.TermsOfService.Data;

namespace Quetz.Plugins.TermsOfService;

/// <summary>
/// quetz_tos's <c>check_additional_permissions</c>: a server role other than owner grants nothing until its holder
/// has signed the newest terms of service. Without any terms everyone passes.
/// </summary>
internal sealed class SignedTermsCheck(TermsDbContext db) : IServerRoleCheck
{
    public async Task<string?> DenyAsync(QuetzUser user, CancellationToken cancellationToken)
    {
        if (user.ServerRole == QuetzRoles.Owner)
        {
            return null;
        }

        var newest = await db.Terms.AsNoTracking().OrderByDescending(t => t.TimeCreated)
            .Select(t => new { Signed = t.Signatures.Any(s => s.UserId == user.Id) })
            .FirstOrDefaultAsync(cancellationToken);
        return newest is null || newest.Signed ? null : $"terms of service is not signed for {user.Username}";
    }
}
