using Microsoft.EntityFrameworkCore;
using Quetz.Host.Data;

namespace Quetz.Host.Identity;

/// <summary>
/// Works out the <see cref="Caller"/> of the current request once. An API key, when one is sent, is the
/// only credential looked at: a bad key makes the caller anonymous even with a valid session cookie.
/// </summary>
internal sealed class CallerResolver(IHttpContextAccessor http, QuetzDbContext db, SessionCookie session, TimeProvider time)
{
    private Caller? _caller;

    public async ValueTask<Caller> GetAsync(CancellationToken cancellationToken)
    {
        if (_caller is not null)
        {
            return _caller;
        }

        var request = http.HttpContext?.Request;
        _caller = request is null ? Caller.Anonymous : await ResolveAsync(request, cancellationToken);
        return _caller;
    }

    private async Task<Caller> ResolveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var key = ApiKeyCredential.Find(request);
        if (key is not null)
        {
            var hash = ApiKeyProtector.LookupHash(key);
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            var row = await db.ApiKeys.AsNoTracking()
                .Where(k => k.LookupHash == hash && !k.Deleted && (k.ExpireAt == null || k.ExpireAt >= today))
                .Select(k => new { k.UserId, k.OwnerId })
                .FirstOrDefaultAsync(cancellationToken);
            return row is null ? Caller.Anonymous : new Caller(row.UserId, row.OwnerId);
        }

        // A deleted user keeps its row (roles stay) but loses its profile; its old sessions must stop working.
        return session.Read(request) is { } payload && await db.Profiles.AnyAsync(p => p.UserId == payload.UserId, cancellationToken)
            ? new Caller(payload.UserId, payload.UserId)
            : Caller.Anonymous;
    }
}
