using Microsoft.Extensions.Options;
using Quetz.Abstractions.Data;
using Quetz.Abstractions.Storage;
using Quetz.Host.ApiKeys;
using Quetz.Host.Channels;
using Quetz.Host.Config;
using Quetz.Host.Data;
using Quetz.Host.Docs;
using Quetz.Host.Health;
using Quetz.Host.Http;
using Quetz.Host.Identity;
using Quetz.Host.Indexing;
using Quetz.Host.Jobs;
using Quetz.Host.Packages;
using Quetz.Host.Plugins;
using Quetz.Host.Serving;
using Quetz.Host.Storage;
using Quetz.Host.Upload;
using Quetz.Host.Users;

namespace Quetz.Host;

/// <summary>Builds the web application for a deployment: services, middleware and routes.</summary>
internal static class QuetzWebApp
{
    public static WebApplication Build(Deployment deployment, string[] urls)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ContentRootPath = deployment.Directory,
            ApplicationName = typeof(QuetzWebApp).Assembly.GetName().Name,
        });
        builder.WebHost.UseKestrelCore().UseUrls(urls);
        builder.Configuration.AddInMemoryCollection(deployment.Settings);
        builder.Services.AddRoutingCore();
        ConfigureLogging(builder);
        AddServices(builder.Services, deployment);

        var app = builder.Build();
        UseMiddleware(app);
        MapRoutes(app);
        return app;
    }

    private static void ConfigureLogging(WebApplicationBuilder builder)
    {
        var level = builder.Configuration["logging:level"]?.ToUpperInvariant() switch
        {
            "TRACE" => LogLevel.Trace,
            "DEBUG" => LogLevel.Debug,
            "WARNING" or "WARN" => LogLevel.Warning,
            "ERROR" => LogLevel.Error,
            "CRITICAL" => LogLevel.Critical,
            _ => LogLevel.Information,
        };
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(level);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        if (builder.Configuration["logging:file"] is { Length: > 0 } file)
        {
            var path = Path.IsPathRooted(file) ? file : Path.Combine(builder.Environment.ContentRootPath, file);
            builder.Logging.AddProvider(new FileLoggerProvider(path, TimeProvider.System));
        }
    }

    private static void AddServices(IServiceCollection services, Deployment deployment)
    {
        services.AddSingleton(deployment);
        services.AddSingleton(TimeProvider.System);
        AddOptions<GeneralOptions>(services, "general");
        AddOptions<QuetzSessionOptions>(services, "session");
        AddOptions<DatabaseOptions>(services, "sqlalchemy");
        AddOptions<UsersOptions>(services, "users");
        AddOptions<QuotasOptions>(services, "quotas");
        AddOptions<StorageOptions>(services, "storage");
        AddOptions<QuetzCorsOptions>(services, "cors");
        AddOptions<LoggingOptions>(services, "logging");
        AddOptions<RepodataOptions>(services, "repodata");

        var database = new HostDatabase(deployment.Database);
        services.AddQuetzDatabase(database, deployment.Settings.GetValueOrDefault("sqlalchemy:echo_sql") == "true");
        services.AddHttpContextAccessor();
        services.AddSingleton<SessionCookie>();
        services.AddSingleton<SecretProtector>();
        services.AddSingleton<ISecretProtector>(p => p.GetRequiredService<SecretProtector>());
        services.AddSingleton<ApiKeyProtector>();
        services.AddScoped<CallerResolver>();
        services.AddScoped<AccessRules>();
        services.AddScoped<PackageVersionWriter>();
        services.AddSingleton<IPackageStore>(new LocalPackageStore(deployment.ChannelsDirectory));
        services.AddSingleton<DownloadCounter>();
        services.AddSingleton<ChannelReadCache>();
        services.AddHostedService<DownloadCountFlusher>();
        services.AddQuetzJobs(database);
        services.AddSingleton<JobScheduler>();
        services.AddScoped<QuetzJobRunner>();
        services.AddScoped<PackageUploader>();
        services.AddQuetzIndexing();
        services.ConfigureHttpJsonOptions(o => QuetzJson.Configure(o.SerializerOptions));
        services.AddCors();
        services.AddHttpClient(ChannelMirrorsApi.RemoteClient, c => c.Timeout = TimeSpan.FromSeconds(5));
        services.AddQuetzOpenApi();
        services.AddQuetzPluginHostServices();

        // Last, so a plugin's registration (a package store) replaces the host's default.
        services.AddQuetzPlugins(deployment, database, Environment.GetEnvironmentVariables());
    }

    private static void AddOptions<T>(IServiceCollection services, string section) where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();

    private static void UseMiddleware(WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<GeneralOptions>>().Value.RedirectHttpToHttps)
        {
            app.UseHttpsRedirection();
        }

        var cors = app.Services.GetRequiredService<IOptions<QuetzCorsOptions>>().Value;
        if (cors.AllowOrigins.Count > 0)
        {
            app.UseCors(policy =>
            {
                policy.WithOrigins([.. cors.AllowOrigins]);
                _ = cors.AllowMethods.Contains("*") ? policy.AllowAnyMethod() : policy.WithMethods([.. cors.AllowMethods]);
                _ = cors.AllowHeaders.Contains("*") ? policy.AllowAnyHeader() : policy.WithHeaders([.. cors.AllowHeaders]);
                if (cors.AllowCredentials && !cors.AllowOrigins.Contains("*"))
                {
                    policy.AllowCredentials();
                }
            });
        }

        app.UseMiddleware<ErrorResponseMiddleware>();
        app.UseMiddleware<TokenPathMiddleware>();
        app.UseMiddleware<ChannelReadCacheInvalidation>();
        app.UseRouting();
    }

    private static void MapRoutes(WebApplication app)
    {
        var general = app.Services.GetRequiredService<IOptions<GeneralOptions>>().Value;
        app.MapQuetzOpenApi();
        app.MapHealthApi();
        app.MapLoginApi(general.DevLogin);
        app.MapUsersApi();
        app.MapChannelsApi();
        app.MapChannelMembersApi();
        app.MapChannelMirrorsApi();
        app.MapPackagesApi();
        app.MapPackageVersionsApi();
        app.MapApiKeysApi();
        app.MapUploadApi();
        app.MapGetApi();
        app.MapMetricsApi();
        app.MapJobsDashboard();
        app.MapJobsApi();
        app.MapChannelActionsApi();
        app.MapPluginsApi();
        app.MapPluginRoutes();
        app.MapGet("/", () => Results.Content(LandingPage.Html, "text/html; charset=utf-8")).ExcludeFromDescription();
        app.MapFallback((HttpContext context) =>
            ErrorResponseMiddleware.WriteAsync(context, StatusCodes.Status404NotFound, "Not Found"));
    }
}
