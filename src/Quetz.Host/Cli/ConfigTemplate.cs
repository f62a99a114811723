using System.Security.Cryptography;

namespace Quetz.Host.Cli;

/// <summary>The config.toml that <c>--create-conf</c> (or <c>--dev</c> without a config) writes.</summary>
internal static class ConfigTemplate
{
    public static string Create(bool dev)
    {
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var devSections = dev
            ? """

              [users]
              # The dev login's alice is a server owner.
              admins = ["dummy:alice"]
              """
            : "";
        return $"""
            # Quetz deployment configuration. Every key can be overridden by QUETZ_<SECTION>_<KEY>.

            [general]
            # /api/dummylogin/{"{username}"} logs anyone in as any user: for development only.
            dev_login = {(dev ? "true" : "false")}

            [sqlalchemy]
            database_url = "sqlite:///./quetz.sqlite"

            [session]
            secret = "{secret}"
            https_only = {(dev ? "false" : "true")}

            [logging]
            level = "{(dev ? "DEBUG" : "INFO")}"
            {devSections}
            """;
    }
}
