using System.Collections;
using Quetz.Host.Config;
using Quetz.Host.Data;

namespace Quetz.Host.Cli;

/// <summary>What the deployment commands do; every failure is one line on stderr and exit code 1.</summary>
internal static class DeploymentCommands
{
    private static IDictionary Environment => System.Environment.GetEnvironmentVariables();

    public static async Task<int> CreateAsync(CreateRequest request, TextWriter output, CancellationToken ct)
    {
        var directory = Path.GetFullPath(request.Path);
        try
        {
            if (request.Delete && (request.CopyConf is not null || request.CreateConf) && Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            if (IsDeployment(directory))
            {
                if (!request.ExistsOk)
                {
                    return Fail($"{directory} is already a deployment. Use the start command to start it.");
                }

                return await PrepareAsync(directory, request.Dev, created: false, output, ct);
            }

            if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory)
                    .Any(e => Path.GetFileName(e) != Deployment.ConfigFileName))
            {
                return Fail($"Quetz deployment not allowed at {directory}: the folder holds other files.");
            }

            if (request.CopyConf is not null && !File.Exists(request.CopyConf))
            {
                return Fail($"Config file to copy does not exist: {Path.GetFullPath(request.CopyConf)}");
            }

            var existingConfig = Deployment.FindConfigFile(directory, Environment);
            var writeConfig = request.CreateConf || (request.Dev && existingConfig is null);
            if (request.CopyConf is null && !writeConfig && existingConfig is null
                && (Environment["QUETZ_SQLALCHEMY_DATABASE_URL"] is null || Environment["QUETZ_SESSION_SECRET"] is null))
            {
                return Fail($"No configuration file provided for {directory}: use --create-conf, --copy-conf FILE or QUETZ_CONFIG_FILE.");
            }

            Directory.CreateDirectory(directory);
            var configPath = Path.Combine(directory, Deployment.ConfigFileName);
            if (request.CopyConf is not null)
            {
                File.Copy(request.CopyConf, configPath, overwrite: true);
            }
            else if (writeConfig)
            {
                await File.WriteAllTextAsync(configPath, ConfigTemplate.Create(request.Dev), ct);
            }

            return await PrepareAsync(directory, request.Dev, created: true, output, ct);
        }
        catch (ConfigException e)
        {
            return Fail(e.Message);
        }
        catch (IOException e)
        {
            return Fail($"{directory}: {e.Message}");
        }
    }

    /// <summary>Migrates the database, applies [users] roles and, with --dev, seeds test data and prints a key.</summary>
    private static async Task<int> PrepareAsync(string directory, bool dev, bool created, TextWriter output, CancellationToken ct)
    {
        var deployment = Load(directory, dev);
        Directory.CreateDirectory(deployment.ChannelsDirectory);
        await DatabaseMigrator.MigrateAsync(deployment.Database, ct);
        await using var db = DatabaseRegistration.CreateContext(deployment.Database);
        if (dev)
        {
            var key = await DevData.SeedAsync(db, deployment, ct);
            await output.WriteLineAsync($"Test API key created for user \"{DevData.KeyUser}\": {key}");
        }

        await UserRoles.ApplyAsync(db, deployment, ct);
        if (created)
        {
            await output.WriteLineAsync($"Deployment created at {directory}");
        }

        return 0;
    }

    public static async Task<int> StartAsync(string path, string host, int port, bool dev, CancellationToken ct)
    {
        var directory = Path.GetFullPath(path);
        try
        {
            if (!Directory.Exists(directory) || Deployment.FindConfigFile(directory, Environment) is null && Environment["QUETZ_SQLALCHEMY_DATABASE_URL"] is null)
            {
                return Fail($"The specified directory is not a deployment: {directory}. Use the create or run command first.");
            }

            var deployment = Load(directory, dev);
            await DatabaseMigrator.MigrateAsync(deployment.Database, ct);
            var app = QuetzWebApp.Build(deployment, [$"http://{host}:{port}"]);
            await app.RunAsync(ct);
            return 0;
        }
        catch (ConfigException e)
        {
            return Fail(e.Message);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            return Fail($"{directory}: invalid configuration: {string.Join("; ", e.Failures)}");
        }
        catch (IOException e)
        {
            return Fail($"{host}:{port}: {e.Message}");
        }
    }

    public static async Task<int> DeleteAsync(string path, bool force, CancellationToken ct)
    {
        var directory = Path.GetFullPath(path);
        if (!IsDeployment(directory))
        {
            return Fail($"The specified directory is not a deployment: {directory}");
        }

        if (!force)
        {
            Console.Write($"Delete the deployment at {directory}, with its channels and SQLite database? [y/N] ");
            var answer = await Console.In.ReadLineAsync(ct);
            if (answer?.Trim().ToLowerInvariant() is not ("y" or "yes"))
            {
                return Fail("Not deleted.");
            }
        }

        Directory.Delete(directory, recursive: true);
        return 0;
    }

    public static async Task<int> InitDbAsync(string path, CancellationToken ct)
    {
        try
        {
            var deployment = Load(Path.GetFullPath(path), dev: false);
            await DatabaseMigrator.MigrateAsync(deployment.Database, ct);
            return 0;
        }
        catch (ConfigException e)
        {
            return Fail(e.Message);
        }
    }

    public static async Task<int> AddUserRolesAsync(string path, CancellationToken ct)
    {
        try
        {
            var deployment = Load(Path.GetFullPath(path), dev: false);
            await using var db = DatabaseRegistration.CreateContext(deployment.Database);
            await UserRoles.ApplyAsync(db, deployment, ct);
            return 0;
        }
        catch (ConfigException e)
        {
            return Fail(e.Message);
        }
    }

    private static Deployment Load(string directory, bool dev) =>
        Deployment.Load(directory, Environment, dev ? new Dictionary<string, string?> { ["general:dev_login"] = "true" } : null);

    /// <summary>A deployment is a folder with its channels folder next to a config (file or environment).</summary>
    private static bool IsDeployment(string directory) =>
        Directory.Exists(Path.Combine(directory, "channels"))
        && (File.Exists(Path.Combine(directory, Deployment.ConfigFileName)) || Environment["QUETZ_CONFIG_FILE"] is not null
            || Environment["QUETZ_SQLALCHEMY_DATABASE_URL"] is not null);

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 1;
    }
}
