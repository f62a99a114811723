using System.CommandLine;

namespace Quetz.Host.Cli;

/// <summary>The <c>quetz</c> command line, following quetz's: create, start, run, delete, init-db, add-user-roles,
/// plus <c>plugin list</c> and <c>plugin install</c>.</summary>
internal static class QuetzCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Quetz: a conda package server.");
        root.Subcommands.Add(CreateCommand());
        root.Subcommands.Add(StartCommand());
        root.Subcommands.Add(RunCommand());
        root.Subcommands.Add(DeleteCommand());
        root.Subcommands.Add(PathOnly("init-db", "Apply pending database migrations.", DeploymentCommands.InitDbAsync));
        root.Subcommands.Add(PathOnly("add-user-roles", "Give the roles listed in [users] to existing users without one.",
            DeploymentCommands.AddUserRolesAsync));
        root.Subcommands.Add(PluginCommand());
        return root;
    }

    private static Argument<string> PathArgument() => new("path") { Description = "The deployment folder." };

    private static Option<string?> CopyConf() => new("--copy-conf") { Description = "Copy this config file into the deployment." };

    private static Option<bool> CreateConf() => new("--create-conf") { Description = "Write a new config.toml with SQLite and a random session secret." };

    private static Option<bool> Delete() => new("--delete") { Description = "Delete an existing deployment first (with --copy-conf or --create-conf)." };

    private static Option<bool> Dev() => new("--dev") { Description = "Add test users (alice, bob, carol, dave), channels and an API key; turn on the dev login." };

    private static Option<string> Host() => new("--host") { Description = "Address to listen on.", DefaultValueFactory = _ => "127.0.0.1" };

    private static Option<int> Port() => new("--port") { Description = "Port to listen on.", DefaultValueFactory = _ => 8000 };

    private static Command CreateCommand()
    {
        var path = PathArgument();
        var copyConf = CopyConf();
        var createConf = CreateConf();
        var delete = Delete();
        var existsOk = new Option<bool>("--exists-ok") { Description = "Do nothing, successfully, when the deployment exists." };
        var dev = Dev();
        var command = new Command("create", "Create a deployment: folder, config, database.") { path, copyConf, createConf, delete, existsOk, dev };
        command.SetAction((result, ct) => DeploymentCommands.CreateAsync(new CreateRequest(
            result.GetValue(path)!, result.GetValue(copyConf), result.GetValue(createConf), result.GetValue(delete),
            result.GetValue(existsOk), result.GetValue(dev)), Console.Out, ct));
        return command;
    }

    private static Command StartCommand()
    {
        var path = PathArgument();
        var host = Host();
        var port = Port();
        var command = new Command("start", "Serve an existing deployment.") { path, host, port };
        command.SetAction((result, ct) =>
            DeploymentCommands.StartAsync(result.GetValue(path)!, result.GetValue(host)!, result.GetValue(port), dev: false, ct));
        return command;
    }

    private static Command RunCommand()
    {
        var path = PathArgument();
        var copyConf = CopyConf();
        var createConf = CreateConf();
        var delete = Delete();
        var skipIfExists = new Option<bool>("--skip-if-exists") { Description = "Accepted for quetz compatibility; run always reuses an existing deployment." };
        var dev = Dev();
        var host = Host();
        var port = Port();
        var command = new Command("run", "Create the deployment if needed, then serve it.")
            { path, copyConf, createConf, delete, skipIfExists, dev, host, port };
        command.SetAction(async (result, ct) =>
        {
            var request = new CreateRequest(result.GetValue(path)!, result.GetValue(copyConf), result.GetValue(createConf),
                result.GetValue(delete), ExistsOk: true, result.GetValue(dev));
            var created = await DeploymentCommands.CreateAsync(request, Console.Out, ct);
            return created != 0
                ? created
                : await DeploymentCommands.StartAsync(request.Path, result.GetValue(host)!, result.GetValue(port), request.Dev, ct);
        });
        return command;
    }

    private static Command DeleteCommand()
    {
        var path = PathArgument();
        var force = new Option<bool>("--force") { Description = "Do not ask for confirmation." };
        var command = new Command("delete", "Delete a deployment folder with its database and files.") { path, force };
        command.SetAction((result, ct) => DeploymentCommands.DeleteAsync(result.GetValue(path)!, result.GetValue(force), ct));
        return command;
    }

    private static Option<string> DeploymentOption() =>
        new("--deployment") { Description = "The deployment folder.", DefaultValueFactory = _ => "." };

    private static Command PluginCommand()
    {
        var listDeployment = DeploymentOption();
        var list = new Command("list", "List the plugins of plugins.toml with their version, origin and extension points.") { listDeployment };
        list.SetAction(result => PluginCommands.List(result.GetValue(listDeployment)!, Console.Out));

        var id = new Argument<string>("id") { Description = "The plugin's NuGet package id." };
        var version = new Option<string?>("--version") { Description = "The version to install; the latest stable one when not given." };
        var source = new Option<string?>("--source") { Description = "A NuGet V3 index URL or a folder of .nupkg files (default: nuget.org)." };
        var name = new Option<string?>("--name") { Description = "The plugin's name in plugins.toml (default: the id in lowercase, '.' as '_')." };
        var deployment = DeploymentOption();
        var install = new Command("install", "Install a plugin package and its dependencies from a NuGet feed and enable it in plugins.toml.")
            { id, version, source, name, deployment };
        install.SetAction((result, ct) => PluginCommands.InstallAsync(new InstallRequest(result.GetValue(id)!, result.GetValue(version),
            result.GetValue(source), result.GetValue(deployment)!, result.GetValue(name)), Console.Out, ct));

        return new Command("plugin", "Manage the deployment's plugins.") { list, install };
    }

    private static Command PathOnly(string name, string description, Func<string, CancellationToken, Task<int>> action)
    {
        var path = PathArgument();
        var command = new Command(name, description) { path };
        command.SetAction((result, ct) => action(result.GetValue(path)!, ct));
        return command;
    }
}

internal sealed record CreateRequest(string Path, string? CopyConf, bool CreateConf, bool Delete, bool ExistsOk, bool Dev);
