using System.Net;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Host.Tests.Docs;

public sealed class OpenApiTests(SqliteQuetzServer server) : IClassFixture<SqliteQuetzServer>
{
    [Fact]
    public async Task The_document_lists_every_api_route_with_the_api_key_scheme()
    {
        using var client = server.Anonymous();
        var document = await HttpAssert.StatusAsync(HttpStatusCode.OK, await client.GetAsync("/openapi.json"));

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        string[] expected =
        [
            "/api/me", "/api/users", "/api/paginated/users", "/api/users/{username}", "/api/users/{username}/role",
            "/api/users/{username}/channels", "/api/users/{username}/packages", "/api/channels", "/api/paginated/channels",
            "/api/channels/search", "/api/channels/{channel}", "/api/channels/{channel}/members", "/api/channels/{channel}/packages",
            "/api/paginated/channels/{channel}/packages", "/api/channels/{channel}/packages/{package}",
            "/api/channels/{channel}/packages/{package}/members", "/api/channels/{channel}/packages/{package}/versions",
            "/api/channels/{channel}/packages/{package}/versions/{platform}/{filename}", "/api/packages/search", "/api/api-keys",
            "/api/api-keys/{key}", "/api/dummylogin/{username}", "/auth/logout", "/health/live", "/health/ready",
        ];
        Assert.Equal([], expected.Except(paths));

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-API-Key", scheme.GetProperty("name").GetString());

        var createChannel = document.GetProperty("paths").GetProperty("/api/channels").GetProperty("post");
        var responses = createChannel.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToArray();
        Assert.Equal(["201", "401", "403", "409", "422"], responses);
        Assert.True(createChannel.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
    }

    [Fact]
    public async Task Swagger_ui_is_served_at_docs()
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        var page = await client.GetStringAsync("/docs/index.html");
        Assert.Contains("swagger-ui", page, StringComparison.Ordinal);
        var redirect = await server.Anonymous().GetAsync("/docs");
        Assert.True(redirect.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.OK, redirect.StatusCode.ToString());
    }
}
