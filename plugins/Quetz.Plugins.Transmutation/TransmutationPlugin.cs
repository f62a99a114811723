using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quetz.Abstractions.Jobs;
using Quetz.Abstractions.Packages;
using Quetz.Abstractions.Plugins;

namespace Quetz.Plugins.Transmutation;

/// <summary>
/// quetz's transmutation plugin: adds a <c>.conda</c> next to every <c>.tar.bz2</c>, as a job over an items spec
/// (<c>quetz-transmutation:transmutation</c>) and, when <c>convert_on_upload</c> is set, after every upload.
/// </summary>
public sealed class TransmutationPlugin : IQuetzPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = new TransmutationOptions();
        ConfigurationBinder.Bind(context.Settings, options);
        services.AddScoped<CondaConverter>();
        services.AddScoped<IPackageVersionJob, TransmutationJob>();
        if (options.ConvertOnUpload)
        {
            services.AddScoped<IPostUploadHook, ConvertOnUploadHook>();
        }
    }
}
