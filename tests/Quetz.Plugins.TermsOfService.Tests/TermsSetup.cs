using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Quetz.Host.Tests.Infrastructure;

namespace Quetz.Plugins.TermsOfService.Tests;

/// <summary>Uploading terms and giving server roles through the API, as alice (the server owner) does.</summary>
public static class TermsSetup
{
    public static string Plugin => QuetzServer.PluginTable("tos", "Quetz.Plugins.TermsOfService");

    /// <summary>The store folder of the plugin's files: the local store's <c>channels/_tos</c>.</summary>
    public static string StoreDirectory(this QuetzServer server) => Path.Combine(server.Directory, "channels", "_tos");

    /// <summary>Version folders in the store (one per stored upload).</summary>
    public static int StoredVersions(this QuetzServer server) =>
        Directory.Exists(server.StoreDirectory()) ? Directory.GetDirectories(server.StoreDirectory()).Length : 0;

    public static MultipartFormDataContent Files(params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            form.Add(new ByteArrayContent(content), "tos_files", name);
        }

        return form;
    }

    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, string[] languages, MultipartFormDataContent files) =>
        client.PostAsync("/api/tos/upload?" + string.Join("&", languages.Select(l => "lang=" + Uri.EscapeDataString(l))), files);

    /// <summary>Publishes new terms in English and French (texts tagged with <paramref name="tag"/>) and returns their id.</summary>
    public static async Task<string> PublishAsync(this QuetzServer server, string tag)
    {
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.NullAsync(HttpStatusCode.Created, await alice.UploadAsync(["en", "fr"],
            Files(("tos_en.txt", Encoding.UTF8.GetBytes($"terms {tag}")), ("tos_fr.txt", Encoding.UTF8.GetBytes($"conditions {tag} é")))));
        var current = await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.GetAsync("/api/tos"));
        Assert.Equal($"terms {tag}", current.GetProperty("files")[0].GetProperty("content").GetString());
        return current.GetProperty("id").GetString()!;
    }

    public static async Task SetServerRoleAsync(this QuetzServer server, string username, string? role)
    {
        using var alice = server.WithKey(server.AliceKey);
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await alice.PutAsJsonAsync($"/api/users/{username}/role", new { role }));
    }

    public static async Task<JsonElement> SignAsync(this HttpClient client, string? tosId = null) =>
        await HttpAssert.StatusAsync(HttpStatusCode.Created, await client.PostAsync("/api/tos/sign" + (tosId is null ? "" : "?tos_id=" + tosId), null));
}
