using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quetz.Abstractions.Data;
using Quetz.Abstractions.Indexing;
using Quetz.Plugins.ContentTrust.Data;
using Quetz.Plugins.ContentTrust.Roles;

namespace Quetz.Plugins.ContentTrust.Signing;

/// <summary>
/// Signs every record of a subdir with the channel's <c>pkg_mgr</c> key, as quetz's content-trust plugin does, into
/// the top-level <c>signatures</c>: <c>{filename: {public key: {"signature": hex}}}</c>, over conda-content-trust's
/// canonical serialisation of the record, the bytes conda's verifier recomputes. A channel without such a key gets no
/// <c>signatures</c> key at all (quetz writes an empty one): its repodata stays as it would be without the plugin.
/// </summary>
internal sealed partial class RepodataSigner(ContentTrustDbContext db, ChannelKeyCache cache, ISecretProtector secrets, ILogger<RepodataSigner> logger)
    : IRepodataTransformer
{
    public int Order => RepodataTransformerOrder.Signing;

    public bool ChangesRecords => true;

    public async Task TransformAsync(SubdirRepodata repodata, CancellationToken cancellationToken)
    {
        var key = await cache.GetAsync(repodata.Channel, ct => FindKeyAsync(repodata.Channel, ct), cancellationToken);
        if (key is null)
        {
            return;
        }

        using var signingKey = Ed25519.Import(key.PrivateKey);
        var signed = new SortedDictionary<string, string>(CodePointComparer.Instance);
        foreach (var section in new[] { repodata.Packages, repodata.CondaPackages })
        {
            foreach (var (filename, record) in section)
            {
                signed[filename] = Ed25519.Sign(signingKey, CanonicalJson.Serialize(record.Json));
            }
        }

        var signatures = new JsonObject();
        foreach (var (filename, signature) in signed)
        {
            signatures[filename] = new JsonObject { [key.PublicKey] = new JsonObject { ["signature"] = signature } };
        }

        repodata.Extra["signatures"] = signatures;
    }

    /// <summary>
    /// The newest key delegated <c>pkg_mgr</c> in the channel whose private half is stored here and opens; a key sealed
    /// under a former <c>[session] secret</c> is skipped, and the operator told.
    /// </summary>
    private async Task<ChannelKey?> FindKeyAsync(string channel, CancellationToken ct)
    {
        var stored = await (from delegation in db.Delegations
                            where delegation.Channel == channel && delegation.Type == RoleTypes.PkgMgr
                            from delegated in delegation.Keys
                            join key in db.SigningKeys on delegated.PublicKey equals key.PublicKey
                            where key.PrivateKey != null
                            orderby key.TimeCreated descending
                            select new ChannelKey(key.PublicKey, key.PrivateKey!)).ToListAsync(ct);
        foreach (var key in stored)
        {
            if (StoredPrivateKeys.Open(secrets, key.PrivateKey) is { } seed)
            {
                return key with { PrivateKey = seed };
            }

            LogUnreadableKey(channel, key.PublicKey);
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Content trust: the private key of {PublicKey}, delegated pkg_mgr in {Channel}, was stored under another [session] secret and cannot sign")]
    private partial void LogUnreadableKey(string channel, string publicKey);
}
