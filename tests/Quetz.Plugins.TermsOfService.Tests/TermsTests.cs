using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Plugins.TermsOfService.Tests;

/// <summary>
/// quetz_tos over HTTP: publishing terms in several languages, reading them, signing them, and server roles that
/// grant nothing to a maintainer or member until they have signed the newest terms. Every test publishes terms of
/// its own first, so none depends on what another left behind.
/// </summary>
public abstract class TermsTests<TServer>(TServer server) : IClassFixture<TServer>
    where TServer : QuetzServer
{
    [Fact]
    public async Task Published_terms_are_read_in_every_language_or_one()
    {
        var id = await server.PublishAsync("read");
        using var anonymous = server.Anonymous();

        var all = await HttpAssert.StatusAsync(HttpStatusCode.OK, await anonymous.GetAsync("/api/tos"));
        Assert.Equal(["id", "uploader_id", "files", "time_created"], HttpAssert.Keys(all));
        Assert.Equal(id, all.GetProperty("id").GetString());
        var files = all.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(["en", "fr"], files.Select(f => f.GetProperty("language").GetString()));
        Assert.Equal(["content", "filename", "language"], HttpAssert.Keys(files[1]));
        Assert.Equal("tos_fr.txt", files[1].GetProperty("filename").GetString());
        Assert.Equal("conditions read é", files[1].GetProperty("content").GetString());

        var french = await HttpAssert.StatusAsync(HttpStatusCode.OK, await anonymous.GetAsync("/api/tos?lang=fr"));
        Assert.Equal("fr", Assert.Single(french.GetProperty("files").EnumerateArray()).GetProperty("language").GetString());

        await HttpAssert.StringDetailAsync(HttpStatusCode.NotFound, "terms of service for language de not found",
            await anonymous.GetAsync("/api/tos?lang=de"));
    }

    [Fact]
    public async Task The_uploader_is_the_owner_who_published()
    {
        await server.PublishAsync("uploader");
        using var alice = server.WithKey(server.AliceKey);
        var me = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync("/api/me"));
        var current = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync("/api/tos"));
        Assert.Equal(me.GetProperty("user").GetProperty("id").GetString(), current.GetProperty("uploader_id").GetString());
    }

    [Fact]
    public async Task Status_is_null_until_signed_then_the_signature()
    {
        var id = await server.PublishAsync("status");
        using var dave = await server.AsAsync("dave");

        await HttpAssert.NullAsync(HttpStatusCode.Created, await dave.GetAsync("/api/tos/status"));
        Assert.Equal("TOS signed for dave", (await dave.SignAsync()).GetString());

        var status = await HttpAssert.StatusAsync(HttpStatusCode.Created, await dave.GetAsync("/api/tos/status"));
        Assert.Equal(["tos_id", "user_id", "time_created"], HttpAssert.Keys(status));
        Assert.Equal(id, status.GetProperty("tos_id").GetString());
        var me = await HttpAssert.StatusAsync(HttpStatusCode.OK, await dave.GetAsync("/api/me"));
        Assert.Equal(me.GetProperty("user").GetProperty("id").GetString(), status.GetProperty("user_id").GetString());
    }

    [Fact]
    public async Task A_scoped_key_signs_in_the_name_of_its_owner()
    {
        await server.PublishAsync("scoped");
        var channel = await server.CreateChannelAsync();
        await server.AddChannelMemberAsync(channel, "carol", "maintainer");
        using var carol = await server.LoggedInAsync("carol");
        var created = await HttpAssert.StatusAsync(HttpStatusCode.Created, await carol.PostAsJsonAsync("/api/api-keys",
            new { description = "scoped", roles = new[] { new { channel, role = "member" } } }));
        using var scoped = server.WithKey(created.GetProperty("key").GetString()!);

        Assert.Equal("TOS signed for carol", (await scoped.SignAsync()).GetString());
    }

    [Fact]
    public async Task Signing_twice_reports_the_first_signature()
    {
        var id = await server.PublishAsync("twice");
        using var dave = await server.AsAsync("dave");

        Assert.Equal("TOS signed for dave", (await dave.SignAsync(id)).GetString());
        var again = (await dave.SignAsync(id)).GetString()!;
        Assert.StartsWith("TOS already signed for dave at ", again, StringComparison.Ordinal);
        Assert.EndsWith(".", again, StringComparison.Ordinal);
        Assert.Matches(@"at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?\.$", again);
    }

    [Fact]
    public async Task A_maintainer_is_refused_elevated_access_until_signing_the_newest_terms()
    {
        var channel = await server.CreateChannelAsync(isPrivate: true);
        await server.SetServerRoleAsync("bob", "maintainer");
        using var bob = await server.AsAsync("bob");
        var first = await server.PublishAsync("maintainer-1");

        await HttpAssert.StringDetailAsync(HttpStatusCode.Forbidden, "terms of service is not signed for bob",
            await bob.GetAsync($"/api/channels/{channel}"));
        await bob.SignAsync(first);
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await bob.GetAsync($"/api/channels/{channel}"));

        await server.PublishAsync("maintainer-2");
        await HttpAssert.StringDetailAsync(HttpStatusCode.Forbidden, "terms of service is not signed for bob",
            await bob.GetAsync($"/api/channels/{channel}"));
        await HttpAssert.NullAsync(HttpStatusCode.Created, await bob.GetAsync("/api/tos/status"));

        Assert.StartsWith("TOS already signed", (await bob.SignAsync(first)).GetString(), StringComparison.Ordinal);
        await HttpAssert.StatusAsync(HttpStatusCode.Forbidden, await bob.GetAsync($"/api/channels/{channel}"));
        Assert.Equal("TOS signed for bob", (await bob.SignAsync()).GetString());
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await bob.GetAsync($"/api/channels/{channel}"));
    }

    [Fact]
    public async Task A_member_may_create_channels_only_after_signing()
    {
        await server.SetServerRoleAsync("carol", "member");
        using var carol = await server.AsAsync("carol");
        await server.PublishAsync("member");
        var name = ChannelSetup.NewName();

        await HttpAssert.StringDetailAsync(HttpStatusCode.Forbidden, "terms of service is not signed for carol",
            await carol.PostAsJsonAsync("/api/channels", new { name, @private = false }));
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.NotFound, await alice.GetAsync($"/api/channels/{name}"));

        await carol.SignAsync();
        await HttpAssert.StatusAsync(HttpStatusCode.Created, await carol.PostAsJsonAsync("/api/channels", new { name, @private = false }));
    }

    [Fact]
    public async Task Owners_and_users_without_a_server_role_are_not_asked_to_sign()
    {
        await server.PublishAsync("unaffected");
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.Created,
            await alice.PostAsJsonAsync("/api/channels", new { name = ChannelSetup.NewName(), @private = true }));

        var channel = await server.CreateChannelAsync(isPrivate: true);
        await server.AddChannelMemberAsync(channel, "dave", "member");
        using var dave = await server.AsAsync("dave");
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await dave.GetAsync($"/api/channels/{channel}"));
        await HttpAssert.DetailListAsync(HttpStatusCode.Forbidden, "this operation requires owner or maintainer or member roles",
            await dave.PostAsJsonAsync("/api/channels", new { name = ChannelSetup.NewName(), @private = false }));
    }

    [Fact]
    public async Task Only_a_server_owner_uploads_terms()
    {
        var before = await server.PublishAsync("owner-only");
        var stored = server.StoredVersions();
        await server.SetServerRoleAsync("bob", "maintainer");
        using var bob = await server.AsAsync("bob");
        using var anonymous = server.Anonymous();
        var files = TermsSetup.Files(("tos.txt", "x"u8.ToArray()));

        await HttpAssert.DetailListAsync(HttpStatusCode.Forbidden, "To upload new Terms of Services you need to be a server owner.",
            await bob.UploadAsync(["en"], files));
        await HttpAssert.StringDetailAsync(HttpStatusCode.Unauthorized, "Not logged in", await anonymous.UploadAsync(["en"], files));

        await AssertUnchangedAsync(before, stored);
    }

    [Fact]
    public async Task Languages_and_files_must_pair_up_and_nothing_is_stored_otherwise()
    {
        var before = await server.PublishAsync("pairs");
        var stored = server.StoredVersions();
        using var alice = server.WithKey(server.AliceKey);

        await HttpAssert.StringDetailAsync(HttpStatusCode.BadRequest,
            "Number of languages 'en, fr, de' does not match the number of uploaded files",
            await alice.UploadAsync(["en", "fr", "de"], TermsSetup.Files(("a.txt", "a"u8.ToArray()), ("b.txt", "b"u8.ToArray()))));
        await HttpAssert.StatusAsync(HttpStatusCode.BadRequest,
            await alice.UploadAsync(["en", "en"], TermsSetup.Files(("a.txt", "a"u8.ToArray()), ("b.txt", "b"u8.ToArray()))));
        await HttpAssert.StatusAsync(HttpStatusCode.BadRequest,
            await alice.UploadAsync(["en", "fr"], TermsSetup.Files(("a.txt", "a"u8.ToArray()), ("a.txt", "b"u8.ToArray()))));
        await HttpAssert.StringDetailAsync(HttpStatusCode.BadRequest, "b.txt is not UTF-8 text",
            await alice.UploadAsync(["en", "fr"], TermsSetup.Files(("a.txt", "a"u8.ToArray()), ("b.txt", [0xff, 0xfe, 0x00]))));
        await HttpAssert.StatusAsync(HttpStatusCode.BadRequest,
            await alice.UploadAsync(["en"], TermsSetup.Files(("../.hidden", "a"u8.ToArray()))));
        await HttpAssert.ValidationAsync("Field required",
            await alice.PostAsync("/api/tos/upload", TermsSetup.Files(("a.txt", "a"u8.ToArray()))));
        await HttpAssert.ValidationAsync("Field required",
            await alice.PostAsync("/api/tos/upload?lang=en", new StringContent("{}", Encoding.UTF8, "application/json")));

        await AssertUnchangedAsync(before, stored);
    }

    [Fact]
    public async Task A_folder_in_the_uploaded_name_is_dropped()
    {
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.NullAsync(HttpStatusCode.Created,
            await alice.UploadAsync(["en"], TermsSetup.Files(("docs/terms.txt", "folder"u8.ToArray()))));
        var current = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync("/api/tos"));
        var file = Assert.Single(current.GetProperty("files").EnumerateArray());
        Assert.Equal("terms.txt", file.GetProperty("filename").GetString());
        Assert.Equal("folder", file.GetProperty("content").GetString());
    }

    [Fact]
    public async Task Older_terms_keep_their_own_text_when_a_new_version_reuses_the_filename()
    {
        var first = await server.PublishAsync("old-text");
        await server.PublishAsync("new-text");
        var stored = Path.Combine(server.StoreDirectory(), Guid.Parse(first).ToString("N"), "tos_en.txt");
        Assert.Equal("terms old-text", await File.ReadAllTextAsync(stored));
    }

    [Fact]
    public async Task Signing_unknown_or_malformed_ids_is_refused_and_signs_nothing()
    {
        await server.PublishAsync("bad-ids");
        using var dave = await server.AsAsync("dave");
        var unknown = Guid.NewGuid().ToString();

        await HttpAssert.StringDetailAsync(HttpStatusCode.NotFound, $"terms of service with id {unknown} not found",
            await dave.PostAsync($"/api/tos/sign?tos_id={unknown}", null));
        await HttpAssert.StringDetailAsync(HttpStatusCode.Forbidden, "not-a-uuid is not a valid hexadecimal string",
            await dave.PostAsync("/api/tos/sign?tos_id=not-a-uuid", null));
        await HttpAssert.StringDetailAsync(HttpStatusCode.Unauthorized, "Not logged in",
            await server.Anonymous().PostAsync("/api/tos/sign", null));
        await HttpAssert.StringDetailAsync(HttpStatusCode.Unauthorized, "Not logged in",
            await server.Anonymous().GetAsync("/api/tos/status"));

        await HttpAssert.NullAsync(HttpStatusCode.Created, await dave.GetAsync("/api/tos/status"));
    }

    private async Task AssertUnchangedAsync(string newestId, int storedVersions)
    {
        using var anonymous = server.Anonymous();
        var current = await HttpAssert.StatusAsync(HttpStatusCode.OK, await anonymous.GetAsync("/api/tos"));
        Assert.Equal(newestId, current.GetProperty("id").GetString());
        Assert.Equal(storedVersions, server.StoredVersions());
    }
}

public sealed class TermsOnSqlite(TermsServerOnSqlite server) : TermsTests<TermsServerOnSqlite>(server);

public sealed class TermsOnPostgres(TermsServerOnPostgres server) : TermsTests<TermsServerOnPostgres>(server);
