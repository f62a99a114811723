using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Quetz.Host.Config;

/// <summary>[general]</summary>
internal sealed class GeneralOptions
{
    [ConfigurationKeyName("package_unpack_threads"), Range(1, 256, ErrorMessage = "[general] package_unpack_threads must be between 1 and 256")]
    public int PackageUnpackThreads { get; set; } = 1;

    [ConfigurationKeyName("frontend_dir")]
    public string FrontendDir { get; set; } = "";

    [ConfigurationKeyName("redirect_http_to_https")]
    public bool RedirectHttpToHttps { get; set; }

    /// <summary>Maps <c>/api/dummylogin/{user}</c>. Off unless <c>--dev</c> or this key turns it on.</summary>
    [ConfigurationKeyName("dev_login")]
    public bool DevLogin { get; set; }
}

/// <summary>[session]</summary>
internal sealed class QuetzSessionOptions
{
    [ConfigurationKeyName("secret"), Required(ErrorMessage = "[session] secret is required"), MinLength(16, ErrorMessage = "[session] secret must have at least 16 characters")]
    public string Secret { get; set; } = "";

    [ConfigurationKeyName("https_only")]
    public bool HttpsOnly { get; set; } = true;
}

/// <summary>[sqlalchemy] — the name is quetz's; the URL is translated for EF Core.</summary>
internal sealed class DatabaseOptions
{
    [ConfigurationKeyName("database_url"), Required(ErrorMessage = "[sqlalchemy] database_url is required")]
    public string DatabaseUrl { get; set; } = "";

    [ConfigurationKeyName("echo_sql")]
    public bool EchoSql { get; set; }

    [ConfigurationKeyName("postgres_pool_size"), Range(1, 10000, ErrorMessage = "[sqlalchemy] postgres_pool_size must be between 1 and 10000")]
    public int PostgresPoolSize { get; set; } = 10;

    [ConfigurationKeyName("postgres_max_overflow"), Range(0, 10000, ErrorMessage = "[sqlalchemy] postgres_max_overflow must be between 0 and 10000")]
    public int PostgresMaxOverflow { get; set; } = 100;
}

/// <summary>[users]</summary>
internal sealed class UsersOptions
{
    [ConfigurationKeyName("admins")]
    public List<string> Admins { get; set; } = [];

    [ConfigurationKeyName("maintainers")]
    public List<string> Maintainers { get; set; } = [];

    [ConfigurationKeyName("members")]
    public List<string> Members { get; set; } = [];

    [ConfigurationKeyName("default_role"), RegularExpression("^(owner|maintainer|member)$", ErrorMessage = "[users] default_role must be owner, maintainer or member")]
    public string? DefaultRole { get; set; }

    [ConfigurationKeyName("collect_emails")]
    public bool CollectEmails { get; set; }

    [ConfigurationKeyName("create_default_channel")]
    public bool CreateDefaultChannel { get; set; }
}

/// <summary>[quotas]</summary>
internal sealed class QuotasOptions
{
    [ConfigurationKeyName("channel_quota"), Range(0, long.MaxValue, ErrorMessage = "[quotas] channel_quota must not be negative")]
    public long? ChannelQuota { get; set; }
}

/// <summary>[storage]</summary>
internal sealed class StorageOptions
{
    [ConfigurationKeyName("soft_delete_channel")]
    public bool SoftDeleteChannel { get; set; }

    [ConfigurationKeyName("soft_delete_package")]
    public bool SoftDeletePackage { get; set; }
}

/// <summary>[repodata]: sharded repodata (CEP-16).</summary>
internal sealed class RepodataOptions
{
    /// <summary>Publish shards; a channel turns them off with <c>"shards": false</c> in its metadata.</summary>
    [ConfigurationKeyName("shards")]
    public bool Shards { get; set; } = true;

    /// <summary>How long a superseded shard stays readable for clients holding an older index.</summary>
    [ConfigurationKeyName("shard_grace_days"), Range(0, 3650, ErrorMessage = "[repodata] shard_grace_days must be between 0 and 3650")]
    public int ShardGraceDays { get; set; } = 7;
}

/// <summary>[cors] — only applied when <c>allow_origins</c> is set.</summary>
internal sealed class QuetzCorsOptions
{
    [ConfigurationKeyName("allow_origins")]
    public List<string> AllowOrigins { get; set; } = [];

    [ConfigurationKeyName("allow_credentials")]
    public bool AllowCredentials { get; set; } = true;

    [ConfigurationKeyName("allow_methods")]
    public List<string> AllowMethods { get; set; } = ["*"];

    [ConfigurationKeyName("allow_headers")]
    public List<string> AllowHeaders { get; set; } = ["*"];
}

/// <summary>[logging]</summary>
internal sealed class LoggingOptions
{
    [ConfigurationKeyName("level"), RegularExpression("(?i)^(trace|debug|info|information|warning|warn|error|critical)$", ErrorMessage = "[logging] level must be one of TRACE, DEBUG, INFO, WARNING, ERROR, CRITICAL")]
    public string Level { get; set; } = "INFO";

    [ConfigurationKeyName("file")]
    public string File { get; set; } = "";
}
