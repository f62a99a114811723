using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.QuetzFixture;
using Quetz.Abstractions.Plugins;

namespace Quetz.Fixtures.PackagedDependencies;

/// <summary>
/// A plugin whose NuGet dependencies bring what the host does not: a native library under
/// <c>runtimes/&lt;rid&gt;/native/</c> (the installer test packs zlib there as <c>libquetzfixturez</c>) and a
/// <c>Microsoft.Extensions.*</c> assembly the host lacks.
/// </summary>
public sealed partial class PackagedDependenciesPlugin : IQuetzPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
    }

    public void MapRoutes(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/fixture-packaged/zlib-version", () => Results.Text(Marshal.PtrToStringUTF8(ZlibVersion())));
        routes.MapGet("/api/fixture-packaged/extension", () => Results.Text(FixtureGreeting.Text));
    }

    [LibraryImport("quetzfixturez", EntryPoint = "zlibVersion")]
    private static partial IntPtr ZlibVersion();
}
