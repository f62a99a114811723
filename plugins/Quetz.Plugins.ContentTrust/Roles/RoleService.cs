using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quetz.Abstractions.Http;
using Quetz.Abstractions.Indexing;
using Quetz.Abstractions.Storage;
using Quetz.Plugins.ContentTrust.Data;
using Quetz.Plugins.ContentTrust.Signing;

namespace Quetz.Plugins.ContentTrust.Roles;

/// <summary>
/// Takes a role file into a channel: checks it against the delegation that governs it, records it with its
/// delegations and publishes it in the channel, or changes nothing at all.
/// </summary>
internal sealed class RoleService(
    ContentTrustDbContext db, IPackageStore store, IIndexRequests indexes, ChannelKeyCache keys, TimeProvider time, ILogger<RoleService> logger)
{
    public async Task AddAsync(string channel, string type, byte[] content, bool force, CancellationToken ct)
    {
        var current = await db.Roles.Include(r => r.Delegations).ThenInclude(d => d.Keys)
            .FirstOrDefaultAsync(r => r.Channel == channel && r.Type == type, ct);
        if (current is not null && !force)
        {
            throw new QuetzHttpException(409, $"Content trust role '{type}' already exists for channel '{channel}'");
        }

        var governing = type == RoleTypes.Root ? null : await GoverningDelegationAsync(channel, type, ct);
        var role = Verified(content, type, current, governing);

        var now = time.GetUtcNow().UtcDateTime;
        var entity = new TrustRole
        {
            Id = Guid.NewGuid(),
            Channel = channel,
            Type = type,
            Version = role.Version,
            Timestamp = role.Timestamp,
            Expiration = role.Expiration,
            DelegatorId = governing?.Id,
            TimeCreated = now,
            Delegations = [.. role.Delegations.Select(d => new RoleDelegation
            {
                Id = Guid.NewGuid(),
                Channel = channel,
                Type = d.Key,
                Threshold = d.Value.Threshold,
                TimeCreated = now,
                Keys = [.. d.Value.PublicKeys.Select(k => new DelegationKey { PublicKey = k })],
            })],
        };
        entity.DelegatorId ??= entity.Delegations.First(d => d.Type == RoleTypes.Root).Id;

        await SaveAsync(current, entity, content, now, ct);
        keys.Invalidate(channel);
        await indexes.ReindexChannelAsync(channel, ct);
        logger.LogInformation("Content trust role {Type} version {Version} set for {Channel}", type, role.Version, channel);
    }

    /// <summary>The delegation a non-root role must be signed under, or 400 when none was made yet.</summary>
    private async Task<Delegation> GoverningDelegationAsync(string channel, string type, CancellationToken ct)
    {
        var found = await db.Delegations.AsNoTracking().Include(d => d.Keys)
            .Where(d => d.Channel == channel && d.Type == type).OrderByDescending(d => d.TimeCreated).FirstOrDefaultAsync(ct)
            ?? throw new QuetzHttpException(400, $"'{type}' keys not yet delegated");
        return new Delegation([.. found.Keys.Select(k => k.PublicKey)], found.Threshold) { Id = found.Id };
    }

    /// <summary>
    /// The parsed file, when it is well formed, of the type asked for, not expired and signed as it must be: root by the
    /// threshold of its own root keys and, replacing a root, also by the current root's (the next version only, as TUF
    /// root chaining requires); other roles by the keys their delegator named.
    /// </summary>
    private RoleFile Verified(byte[] content, string type, TrustRole? current, Delegation? governing)
    {
        try
        {
            var role = RoleFile.Parse(content);
            if (role.Type != type)
            {
                throw new InvalidRoleException($"the file is a '{role.Type}' role");
            }

            if (role.ExpiresAt <= time.GetUtcNow())
            {
                throw new InvalidRoleException($"expired at {role.Expiration}");
            }

            if (type != RoleTypes.Root)
            {
                RoleVerifier.Verify(role, governing!, allowOpenPgp: false);
                return role;
            }

            var own = role.Delegations.GetValueOrDefault(RoleTypes.Root) ?? throw new InvalidRoleException("root delegates no 'root' keys");
            RoleVerifier.Verify(role, own, allowOpenPgp: true);
            if (current is not null)
            {
                if (role.Version != current.Version + 1)
                {
                    throw new InvalidRoleException($"root version {role.Version} does not follow the current version {current.Version}");
                }

                var trusted = current.Delegations.First(d => d.Type == RoleTypes.Root);
                RoleVerifier.Verify(role, new Delegation([.. trusted.Keys.Select(k => k.PublicKey)], trusted.Threshold), allowOpenPgp: true);
            }

            return role;
        }
        catch (InvalidRoleException e)
        {
            logger.LogInformation("Refused a '{Type}' role file: {Reason}", type, e.Message);
            throw new QuetzHttpException(400, "Invalid role definition");
        }
    }

    /// <summary>
    /// Replaces the current role in one transaction and publishes the file before committing; a failure rolls the
    /// database back and puts the files as they were.
    /// </summary>
    private async Task SaveAsync(TrustRole? current, TrustRole entity, byte[] content, DateTime now, CancellationToken ct)
    {
        var channel = entity.Channel;
        var names = RoleTypes.FileNames(entity.Type, entity.Version).ToArray();
        var previous = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            if (current is not null)
            {
                db.Roles.Remove(current);
                await db.SaveChangesAsync(ct);
            }

            var named = entity.Delegations.SelectMany(d => d.Keys).Select(k => k.PublicKey).Distinct().ToList();
            var known = await db.SigningKeys.Where(k => named.Contains(k.PublicKey)).Select(k => k.PublicKey).ToListAsync(ct);
            db.SigningKeys.AddRange(named.Except(known).Select(k => new SigningKey { PublicKey = k, TimeCreated = now }));
            db.Roles.Add(entity);
            await db.SaveChangesAsync(ct);

            foreach (var name in names)
            {
                previous[name] = await ReadAsync(channel, name, ct);
                await using var stream = new MemoryStream(content, writable: false);
                await store.PutAsync(channel, name, stream, WriteMode.Overwrite, ct);
            }

            await transaction.CommitAsync(ct);
        }
        catch (Exception e)
        {
            await RestoreAsync(channel, previous);
            if (e is DbUpdateException)
            {
                throw new QuetzHttpException(409, $"Content trust role '{entity.Type}' already exists for channel '{channel}'");
            }

            throw;
        }
    }

    private async Task<byte[]?> ReadAsync(string channel, string name, CancellationToken ct)
    {
        await using var stream = await store.OpenReadAsync(channel, name, ct);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, ct);
        return copy.ToArray();
    }

    private async Task RestoreAsync(string channel, Dictionary<string, byte[]?> previous)
    {
        foreach (var (name, bytes) in previous)
        {
            if (bytes is null)
            {
                await store.DeleteAsync(channel, name, CancellationToken.None);
            }
            else
            {
                await using var stream = new MemoryStream(bytes, writable: false);
                await store.PutAsync(channel, name, stream, WriteMode.Overwrite, CancellationToken.None);
            }
        }
    }
}
