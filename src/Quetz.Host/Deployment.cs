using Quetz.Host.Config;

namespace Quetz.Host;

/// <summary>A deployment folder and the configuration it runs with.</summary>
internal sealed record Deployment(string Directory, string? ConfigFile, IReadOnlyDictionary<string, string?> Settings)
{
    public const string ConfigFileName = "config.toml";

    /// <summary>
    /// The config file a deployment uses: <c>$QUETZ_CONFIG_FILE</c>, else the deployment's own config.toml,
    /// else the user's and then the site's (<c>~/.config/quetz</c>, <c>/etc/xdg/quetz</c>).
    /// </summary>
    public static string? FindConfigFile(string directory, System.Collections.IDictionary environment)
    {
        if (environment["QUETZ_CONFIG_FILE"] is string explicitFile && explicitFile.Length > 0)
        {
            return explicitFile;
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string[] candidates =
        [
            Path.Combine(directory, ConfigFileName),
            Path.Combine(home, ".config", "quetz", ConfigFileName),
            Path.Combine("/etc/xdg/quetz", ConfigFileName),
        ];
        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>Loads and checks the configuration of the deployment at <paramref name="directory"/>.</summary>
    public static Deployment Load(string directory, System.Collections.IDictionary environment, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var full = Path.GetFullPath(directory);
        var configFile = FindConfigFile(full, environment);
        var settings = QuetzConfigLoader.Load(configFile, environment);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        QuetzConfigLoader.RequireMinimum(settings, configFile ?? "environment (no config file found)");
        DatabaseUrl.Parse(settings["sqlalchemy:database_url"]!, full);
        return new Deployment(full, configFile, settings);
    }

    public DatabaseUrl Database => DatabaseUrl.Parse(Settings["sqlalchemy:database_url"]!, Directory);

    public string ChannelsDirectory => Path.Combine(Directory, "channels");
}
