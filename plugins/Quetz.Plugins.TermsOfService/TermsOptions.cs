using Microsoft.Extensions.Configuration;

namespace Quetz.Plugins.TermsOfService;

/// <summary>The plugin's settings from <c>[plugins.tos.settings]</c>.</summary>
/// <param name="StorageChannel">
/// The package-store "channel" holding the files. quetz uses <c>root</c>, which a real channel may be called; the
/// default <c>_tos</c> cannot be, since channel names never contain '_'.
/// </param>
/// <param name="MaxFileBytes">The largest file accepted: every file of the newest terms is sent inline by GET /api/tos.</param>
internal sealed record TermsOptions(string StorageChannel, long MaxFileBytes)
{
    public static TermsOptions From(IConfiguration settings) => new(
        settings["storage_channel"] is { Length: > 0 } channel ? channel : "_tos",
        long.TryParse(settings["max_file_bytes"], out var max) && max > 0 ? max : 1024 * 1024);
}
