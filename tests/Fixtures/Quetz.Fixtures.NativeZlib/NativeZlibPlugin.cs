using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Quetz.Abstractions.Plugins;

namespace Quetz.Fixtures.NativeZlib;

/// <summary>
/// A plugin calling into a native library that only its NuGet dependency brings, under
/// <c>runtimes/&lt;rid&gt;/native/</c>: the installer test packs zlib there as <c>libquetzfixturez</c>.
/// </summary>
public sealed partial class NativeZlibPlugin : IQuetzPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
    }

    public void MapRoutes(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/fixture-native/zlib-version", () => Results.Text(Marshal.PtrToStringUTF8(ZlibVersion())));

    [LibraryImport("quetzfixturez", EntryPoint = "zlibVersion")]
    private static partial IntPtr ZlibVersion();
}
