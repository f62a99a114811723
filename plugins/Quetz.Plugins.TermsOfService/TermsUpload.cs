using System.Text;
using Microsoft.AspNetCore.Http;
using Quetz.Abstractions.Http;
using Quetz.Abstractions.Identity;
using Quetz.Plugins.TermsOfService.Data;

namespace Quetz.Plugins.TermsOfService;

/// <summary>
/// POST /api/tos/upload?lang=en&amp;lang=fr with multipart <c>tos_files</c>, one file per language: a new version of
/// the terms, which every maintainer and member must sign. Every file is checked before any is stored, and stored
/// files are removed again if the database refuses the row, so a refused upload leaves nothing behind.
/// </summary>
internal static class TermsUpload
{
    private static readonly string[] OwnerRequired = ["To upload new Terms of Services you need to be a server owner."];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<IResult> UploadAsync(
        HttpRequest request, IQuetzAuthorization auth, TermsDbContext db, TermsStore store, TermsOptions options, TimeProvider time,
        CancellationToken ct)
    {
        var user = await auth.RequireUserAsync(ct);
        if (user.ServerRole != QuetzRoles.Owner)
        {
            return Results.Json(new { detail = OwnerRequired }, statusCode: StatusCodes.Status403Forbidden);
        }

        await auth.RequireServerRoleAsync([QuetzRoles.Owner], ct);
        var languages = request.Query["lang"].Select(l => l ?? "").ToList();
        if (languages.Count == 0)
        {
            return Missing("query", "lang");
        }

        var files = request.HasFormContentType ? (await request.ReadFormAsync(ct)).Files.GetFiles("tos_files") : [];
        if (files.Count == 0)
        {
            return Missing("body", "tos_files");
        }

        if (languages.Count != files.Count)
        {
            throw BadRequest($"Number of languages '{string.Join(", ", languages)}' does not match the number of uploaded files");
        }

        var names = files.Select(f => FileName(f.FileName)).ToList();
        await CheckAsync(languages, files, names, options, ct);

        var terms = new TermsDocument { UploaderId = user.Id, TimeCreated = time.GetUtcNow().UtcDateTime };
        terms.Files.AddRange(names.Select((name, i) => new TermsFile { Filename = name, Language = languages[i], Position = i }));
        List<string> stored = [];
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                await using var content = files[i].OpenReadStream();
                await store.PutAsync(terms.Id, names[i], content, ct);
                stored.Add(names[i]);
            }

            db.Terms.Add(terms);
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            foreach (var name in stored)
            {
                await store.DeleteAsync(terms.Id, name, CancellationToken.None);
            }

            throw;
        }

        return JsonNull.Created;
    }

    /// <summary>Languages present and distinct, filenames distinct, texts small enough and UTF-8 (GET sends them as JSON strings).</summary>
    private static async Task CheckAsync(List<string> languages, IReadOnlyList<IFormFile> files, List<string> names, TermsOptions options, CancellationToken ct)
    {
        if (languages.Any(l => l.Trim().Length == 0))
        {
            throw BadRequest("a language may not be empty");
        }

        if (languages.Distinct(StringComparer.Ordinal).Count() != languages.Count)
        {
            throw BadRequest("each language may be given only once");
        }

        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            throw BadRequest("each file needs a name of its own");
        }

        foreach (var file in files)
        {
            if (file.Length > options.MaxFileBytes)
            {
                throw BadRequest($"{file.FileName} is larger than {options.MaxFileBytes} bytes");
            }

            await using var stream = file.OpenReadStream();
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ct);
            try
            {
                StrictUtf8.GetCharCount(buffer.GetBuffer(), 0, (int)buffer.Length);
            }
            catch (DecoderFallbackException)
            {
                throw BadRequest($"{file.FileName} is not UTF-8 text");
            }
        }
    }

    /// <summary>The uploaded name without any folder part; it becomes a path segment in the store.</summary>
    private static string FileName(string uploaded)
    {
        var name = uploaded.Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        return name.Length == 0 || name[0] == '.' || name.Any(char.IsControl)
            ? throw BadRequest($"'{uploaded}' is not a usable file name")
            : name;
    }

    private static QuetzHttpException BadRequest(string detail) => new(StatusCodes.Status400BadRequest, detail);

    /// <summary>FastAPI's answer to a missing required parameter.</summary>
    private static IResult Missing(string where, string name) => Results.Json(
        new { detail = new[] { new { type = "missing", loc = new[] { where, name }, msg = "Field required" } } },
        statusCode: StatusCodes.Status422UnprocessableEntity);
}
