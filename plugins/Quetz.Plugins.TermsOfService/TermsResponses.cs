namespace Quetz.Plugins.TermsOfService;

/// <summary>GET /api/tos: the newest terms with the texts of the languages asked for.</summary>
internal sealed record TermsResponse(Guid Id, Guid UploaderId, IReadOnlyList<TermsFileResponse> Files, DateTime TimeCreated);

/// <summary>One language's text.</summary>
internal sealed record TermsFileResponse(string Content, string Filename, string Language);

/// <summary>GET /api/tos/status: the caller's signature of the newest terms.</summary>
internal sealed record SignatureResponse(Guid TosId, Guid UserId, DateTime TimeCreated);

/// <summary>quetz answers with naive timestamps (no zone); ours are UTC.</summary>
internal static class Naive
{
    public static DateTime Of(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Unspecified);

    /// <summary>Python's <c>str(datetime)</c>, which quetz puts into "TOS already signed … at {t}.".</summary>
    public static string Text(DateTime value) =>
        value.ToString(value.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.ffffff",
            System.Globalization.CultureInfo.InvariantCulture);
}
