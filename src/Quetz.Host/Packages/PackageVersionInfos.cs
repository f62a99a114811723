using System.Text.Json.Nodes;
using Quetz.Abstractions.Packages;
using Quetz.Host.Data;

namespace Quetz.Host.Packages;

/// <summary>A package version row as the plugin contract shows it.</summary>
internal static class PackageVersionInfos
{
    public static PackageVersionInfo From(PackageVersion version)
    {
        var info = JsonNode.Parse(version.Info) as JsonObject;
        return new PackageVersionInfo(version.ChannelName, version.PackageName, version.Platform, version.Filename, version.PackageFormat,
            version.Version, version.BuildString, version.BuildNumber, version.Size,
            info?["sha256"]?.GetValue<string>() ?? "", info?["md5"]?.GetValue<string>() ?? "", version.Info, version.UploaderId);
    }
}
