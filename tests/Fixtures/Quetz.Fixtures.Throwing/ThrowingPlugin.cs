using Microsoft.Extensions.DependencyInjection;
using Quetz.Abstractions.Plugins;

namespace Quetz.Fixtures.Throwing;

/// <summary>Refuses to register, as a plugin missing a required setting would.</summary>
public sealed class ThrowingPlugin : IQuetzPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context) =>
        throw new InvalidOperationException("the setting 'endpoint' is required");
}
