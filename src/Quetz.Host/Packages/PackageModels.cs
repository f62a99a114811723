using System.Text.Json;

namespace Quetz.Host.Packages;

/// <summary>quetz's Package: exactly these seven keys (quetz-client builds a dataclass from them).</summary>
internal sealed record PackageResponse(
    string Name, string? Summary, string? Description, string? Url, List<string>? Platforms, string? CurrentVersion, DateTime? LatestChange);

internal sealed record PackageSearchResult(
    string Name, string? Summary, string? Description, string? Url, List<string>? Platforms, string? CurrentVersion, DateTime? LatestChange,
    string ChannelName);

internal sealed record PackageRoleResponse(string Name, string ChannelName, string Role);

internal sealed record UploaderResponse(string? Name, string AvatarUrl);

internal sealed record PackageVersionResponse(
    Guid Id, string ChannelName, string PackageName, string Platform, string Version, string BuildString, int BuildNumber,
    string Filename, JsonElement Info, UploaderResponse Uploader, DateTime TimeCreated, int DownloadCount);

/// <summary>The documented shape of POST packages: only <c>name</c> is needed.</summary>
internal sealed record PackageBody(string Name, string? Summary, string? Description);
