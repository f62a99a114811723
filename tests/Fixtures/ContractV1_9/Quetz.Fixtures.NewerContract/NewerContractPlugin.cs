using Microsoft.Extensions.DependencyInjection;
using Quetz.Abstractions.Plugins;

namespace Quetz.Fixtures.NewerContract;

/// <summary>A plugin compiled against Quetz.Abstractions 1.9.0, which a host with an earlier 1.x contract refuses.</summary>
public sealed class NewerContractPlugin : IQuetzPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
    }
}
