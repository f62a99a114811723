using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Quetz.Host.Data;
using Quetz.Host.Identity;

namespace Quetz.Host.Cli;

/// <summary>
/// quetz's <c>--dev</c> test data: users alice, bob, carol and dave (dev login), public channels channel0–2
/// with packages, and a user-wide API key for alice. Seeding twice adds nothing but a new key.
/// </summary>
internal static class DevData
{
    public const string KeyUser = "alice";
    public static readonly string[] Usernames = ["alice", "bob", "carol", "dave"];

    public static async Task<string> SeedAsync(QuetzDbContext db, Deployment deployment, CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(u => u.Username == KeyUser, ct))
        {
            await AddUsersAndChannelsAsync(db, ct);
        }

        var alice = await db.Users.FirstAsync(u => u.Username == KeyUser, ct);
        var key = ApiKeyProtector.NewKey();
        var protector = new ApiKeyProtector(new SecretProtector(Microsoft.Extensions.Options.Options.Create(new Config.QuetzSessionOptions
        {
            Secret = deployment.Settings["session:secret"]!,
        })));
        db.ApiKeys.Add(new ApiKey
        {
            LookupHash = ApiKeyProtector.LookupHash(key),
            ProtectedKey = protector.Protect(key),
            Description = "test API key created by --dev",
            TimeCreated = DateOnly.FromDateTime(DateTime.UtcNow),
            UserId = alice.Id,
            OwnerId = alice.Id,
        });
        await db.SaveChangesAsync(ct);
        return key;
    }

    private static async Task AddUsersAndChannelsAsync(QuetzDbContext db, CancellationToken ct)
    {
        var users = Usernames.Select((name, i) => new User
        {
            Username = name,
            Profile = new Profile { Name = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(name), AvatarUrl = "/avatar.jpg" },
            Identities = [new Data.Identity { Provider = LoginApi.DummyProvider, IdentityId = i.ToString(CultureInfo.InvariantCulture), Username = name }],
        }).ToList();
        db.Users.AddRange(users);

        for (var c = 0; c < 3; c++)
        {
            var name = $"channel{c}";
            db.Channels.Add(new Data.Channel
            {
                Name = name,
                NormalizedName = name,
                Description = $"Description of channel{c}",
                Private = false,
            });
            db.ChannelMembers.Add(new ChannelMember { ChannelName = name, UserId = users[(c + 1) % users.Count].Id, Role = Roles.Owner });
            var packageCount = 30 + (10 * c);
            for (var p = 0; p < packageCount; p++)
            {
                AddPackage(db, name, $"package{p}", $"package {p} summary text", users[p % users.Count]);
            }

            if (c == 0)
            {
                AddPackage(db, name, "xtensor", "C++ tensors with broadcasting and lazy computing", users[0]);
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private static void AddPackage(QuetzDbContext db, string channel, string name, string summary, User owner)
    {
        db.Packages.Add(new Package { ChannelName = channel, Name = name, Summary = summary, Description = summary });
        db.PackageMembers.Add(new PackageMember { ChannelName = channel, PackageName = name, UserId = owner.Id, Role = Roles.Owner });
    }
}
