using System.Collections;
using Quetz.Host.Config;

namespace Quetz.Host.Tests.Config;

public sealed class QuetzConfigLoaderTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"quetz-config-{Guid.NewGuid():N}.toml");

    public void Dispose() => File.Delete(_file);

    private Dictionary<string, string?> Load(string toml, IDictionary? environment = null)
    {
        File.WriteAllText(_file, toml);
        return QuetzConfigLoader.Load(_file, environment ?? new Hashtable());
    }

    [Fact]
    public void Sections_and_lists_become_configuration_keys()
    {
        var values = Load("""
            [sqlalchemy]
            database_url = "sqlite:///./quetz.sqlite"
            [session]
            secret = "abc"
            https_only = false
            [users]
            admins = ["github:alice", "dummy:bob"]
            [quotas]
            channel_quota = 1000
            """);

        Assert.Equal("sqlite:///./quetz.sqlite", values["sqlalchemy:database_url"]);
        Assert.Equal("false", values["session:https_only"]);
        Assert.Equal("github:alice", values["users:admins:0"]);
        Assert.Equal("dummy:bob", values["users:admins:1"]);
        Assert.Equal("1000", values["quotas:channel_quota"]);
    }

    [Fact]
    public void Environment_overrides_win_and_match_sections_with_underscores()
    {
        var environment = new Hashtable
        {
            ["QUETZ_SESSION_SECRET"] = "from-env",
            ["QUETZ_LOCAL_STORE_REDIRECT_ENABLED"] = "yes",
            ["QUETZ_USERS_ADMINS"] = "github:carol, github:dave",
            ["QUETZ_UNKNOWN_THING"] = "ignored",
            ["PATH"] = "/usr/bin",
        };
        var values = Load("""
            [session]
            secret = "from-file"
            [users]
            admins = ["github:alice", "github:bob", "github:eve"]
            """, environment);

        Assert.Equal("from-env", values["session:secret"]);
        Assert.Equal("true", values["local_store:redirect_enabled"]);
        Assert.Equal("github:carol", values["users:admins:0"]);
        Assert.Equal("github:dave", values["users:admins:1"]);
        Assert.False(values.ContainsKey("users:admins:2"));
        Assert.DoesNotContain(values.Keys, k => k.StartsWith("unknown", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[session]\nhttps_only = \"maybe\"", "[session] https_only: expected a boolean, got 'maybe'")]
    [InlineData("[quotas]\nchannel_quota = \"lots\"", "[quotas] channel_quota: expected an integer, got 'lots'")]
    [InlineData("[general]\npackage_unpack_threads = [1, 2]", "[general] package_unpack_threads: expected an integer, got a list")]
    [InlineData("database_url = \"x\"", "'database_url' must be a [section], not a top-level key")]
    [InlineData("[session\nsecret = 1", "invalid TOML")]
    public void A_bad_file_is_reported_with_its_path_and_key(string toml, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => Load(toml));
        Assert.StartsWith(_file, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_environment_value_names_the_variable()
    {
        var error = Assert.Throws<ConfigException>(() => Load("", new Hashtable { ["QUETZ_SESSION_HTTPS_ONLY"] = "perhaps" }));
        Assert.Equal("environment variable QUETZ_SESSION_HTTPS_ONLY: expected a boolean, got 'perhaps'", error.Message);
    }

    [Fact]
    public void The_database_url_and_session_secret_are_required()
    {
        var values = Load("[session]\nsecret = \"abc\"");
        var error = Assert.Throws<ConfigException>(() => QuetzConfigLoader.RequireMinimum(values, "config.toml"));
        Assert.Contains("'database_url' unset but no default specified for section 'sqlalchemy'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var error = Assert.Throws<ConfigException>(() => QuetzConfigLoader.Load("/nonexistent/config.toml", new Hashtable()));
        Assert.Equal("/nonexistent/config.toml: config file does not exist", error.Message);
    }
}
