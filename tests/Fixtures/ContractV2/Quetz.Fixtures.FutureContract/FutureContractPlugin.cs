using Microsoft.Extensions.DependencyInjection;
using Quetz.Abstractions.Plugins;

namespace Quetz.Fixtures.FutureContract;

/// <summary>A plugin compiled against Quetz.Abstractions 2.0.0, which a 1.x host must refuse before loading it.</summary>
public sealed class FutureContractPlugin : IQuetzPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
    }
}
