using System.Net;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Plugins.TermsOfService.Tests;

/// <summary>A server where no terms were ever published: nothing to read or sign, and no one is held back.</summary>
public abstract class NoTermsTests<TServer>(TServer server) : IClassFixture<TServer>
    where TServer : QuetzServer
{
    [Fact]
    public async Task Without_terms_reading_and_signing_answer_404_and_roles_work_as_usual()
    {
        using var anonymous = server.Anonymous();
        await HttpAssert.StringDetailAsync(HttpStatusCode.NotFound, "terms of service not found", await anonymous.GetAsync("/api/tos"));
        await server.SetServerRoleAsync("bob", "maintainer");
        using var bob = await server.AsAsync("bob");
        await HttpAssert.StringDetailAsync(HttpStatusCode.NotFound, "terms of service file not found", await bob.GetAsync("/api/tos/status"));
        await HttpAssert.StringDetailAsync(HttpStatusCode.NotFound, "terms of service file not found", await bob.PostAsync("/api/tos/sign", null));

        var channel = await server.CreateChannelAsync(isPrivate: true);
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await bob.GetAsync($"/api/channels/{channel}"));
    }
}

public sealed class NoTermsOnSqlite(TermsServerOnSqlite server) : NoTermsTests<TermsServerOnSqlite>(server);

public sealed class NoTermsOnPostgres(TermsServerOnPostgres server) : NoTermsTests<TermsServerOnPostgres>(server);
