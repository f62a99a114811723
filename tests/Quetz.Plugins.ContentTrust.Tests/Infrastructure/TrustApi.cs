using System.Net.Http.Headers;

namespace Quetz.Plugins.ContentTrust.Tests.Infrastructure;

/// <summary>The content trust routes as a client calls them.</summary>
public static class TrustApi
{
    /// <summary>Uploads a role file as quetz's own tests do: multipart, the part named <c>file</c>.</summary>
    public static Task<HttpResponseMessage> PostRoleAsync(HttpClient client, string channel, string? type, byte[] content,
        bool? force = null, string fileName = "role.json")
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(content);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(part, "file", fileName);
        var query = new List<string>();
        if (type is not null)
        {
            query.Add("type=" + Uri.EscapeDataString(type));
        }

        if (force is { } f)
        {
            query.Add("force=" + (f ? "true" : "false"));
        }

        return client.PostAsync($"/api/content-trust/{channel}/roles?{string.Join('&', query)}", form);
    }
}
