using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Quetz.Abstractions.Http;
using Quetz.Abstractions.Identity;
using Quetz.Plugins.TermsOfService.Data;

namespace Quetz.Plugins.TermsOfService;

/// <summary>Reading and signing the terms: GET /api/tos, GET /api/tos/status, POST /api/tos/sign.</summary>
internal static class TermsApi
{
    private const string NoTerms = "terms of service file not found";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/tos", GetAsync).WithTags("Terms of Service");
        routes.MapGet("/api/tos/status", StatusAsync).WithTags("Terms of Service");
        routes.MapPost("/api/tos/sign", SignAsync).WithTags("Terms of Service");
        routes.MapPost("/api/tos/upload", TermsUpload.UploadAsync).WithTags("Terms of Service").DisableAntiforgery();
    }

    /// <summary>Anyone may read the terms: a user has to before signing them.</summary>
    private static async Task<IResult> GetAsync(string? lang, TermsDbContext db, TermsStore store, CancellationToken ct)
    {
        var newest = await Newest(db).Include(t => t.Files).FirstOrDefaultAsync(ct)
            ?? throw new QuetzHttpException(StatusCodes.Status404NotFound, "terms of service not found");
        List<TermsFileResponse> files = [];
        foreach (var file in newest.Files.Where(f => lang is null || f.Language == lang).OrderBy(f => f.Position))
        {
            files.Add(new TermsFileResponse(await store.ReadTextAsync(newest.Id, file.Filename, ct), file.Filename, file.Language));
        }

        if (lang is not null && files.Count == 0)
        {
            throw new QuetzHttpException(StatusCodes.Status404NotFound, $"terms of service for language {lang} not found");
        }

        return Results.Json(new TermsResponse(newest.Id, newest.UploaderId, files, Naive.Of(newest.TimeCreated)));
    }

    /// <summary>quetz declares 201 on this GET; clients may check for it.</summary>
    private static async Task<IResult> StatusAsync(IQuetzAuthorization auth, TermsDbContext db, CancellationToken ct)
    {
        var user = await auth.RequireUserAsync(ct);
        var newest = await Newest(db).Select(t => new { t.Id }).FirstOrDefaultAsync(ct)
            ?? throw new QuetzHttpException(StatusCodes.Status404NotFound, NoTerms);
        var signature = await db.Signatures.AsNoTracking().FirstOrDefaultAsync(s => s.TosId == newest.Id && s.UserId == user.Id, ct);
        return signature is null
            ? JsonNull.Created
            : Results.Json(new SignatureResponse(signature.TosId, signature.UserId, Naive.Of(signature.TimeCreated)), statusCode: StatusCodes.Status201Created);
    }

    /// <summary>Signs the terms named by <paramref name="tos_id"/>, or the newest; signing twice reports the first signature.</summary>
    private static async Task<IResult> SignAsync(
        string? tos_id, IQuetzAuthorization auth, TermsDbContext db, TimeProvider time, CancellationToken ct)
    {
        var user = await auth.RequireUserAsync(ct);
        Guid tosId;
        if (!string.IsNullOrEmpty(tos_id))
        {
            if (!Guid.TryParse(tos_id, out tosId))
            {
                throw new QuetzHttpException(StatusCodes.Status403Forbidden, $"{tos_id} is not a valid hexadecimal string");
            }

            if (!await db.Terms.AnyAsync(t => t.Id == tosId, ct))
            {
                throw new QuetzHttpException(StatusCodes.Status404NotFound, $"terms of service with id {tos_id} not found");
            }
        }
        else
        {
            tosId = await Newest(db).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct)
                ?? throw new QuetzHttpException(StatusCodes.Status404NotFound, NoTerms);
        }

        if (await SignedAtAsync(db, tosId, user.Id, ct) is { } existing)
        {
            return AlreadySigned(user, existing);
        }

        db.Signatures.Add(new TermsSignature { TosId = tosId, UserId = user.Id, TimeCreated = time.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Signed by a concurrent request of the same user between the check and the insert.
            if (await SignedAtAsync(db, tosId, user.Id, ct) is { } concurrent)
            {
                return AlreadySigned(user, concurrent);
            }

            throw;
        }

        return Results.Json($"TOS signed for {user.Username}", statusCode: StatusCodes.Status201Created);
    }

    private static IResult AlreadySigned(QuetzUser user, DateTime at) =>
        Results.Json($"TOS already signed for {user.Username} at {Naive.Text(at)}.", statusCode: StatusCodes.Status201Created);

    private static Task<DateTime?> SignedAtAsync(TermsDbContext db, Guid tosId, Guid userId, CancellationToken ct) =>
        db.Signatures.AsNoTracking().Where(s => s.TosId == tosId && s.UserId == userId).Select(s => (DateTime?)s.TimeCreated).FirstOrDefaultAsync(ct);

    public static IQueryable<TermsDocument> Newest(TermsDbContext db) =>
        db.Terms.AsNoTracking().OrderByDescending(t => t.TimeCreated);
}
