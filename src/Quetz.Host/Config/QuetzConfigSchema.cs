namespace Quetz.Host.Config;

/// <summary>
/// The sections and keys quetz's config.toml knows, with the kind of each value. Environment overrides
/// (<c>QUETZ_SECTION_KEY</c>) are matched against this list, so only known keys can be set that way.
/// </summary>
internal static class QuetzConfigSchema
{
    public enum Kind { String, Bool, Int, Float, List }

    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, Kind>> Sections =
        new Dictionary<string, IReadOnlyDictionary<string, Kind>>(StringComparer.Ordinal)
        {
            ["general"] = Keys(("package_unpack_threads", Kind.Int), ("frontend_dir", Kind.String),
                ("redirect_http_to_https", Kind.Bool), ("dev_login", Kind.Bool)),
            ["cors"] = Keys(("allow_origins", Kind.List), ("allow_credentials", Kind.Bool),
                ("allow_methods", Kind.List), ("allow_headers", Kind.List)),
            ["github"] = Keys(("client_id", Kind.String), ("client_secret", Kind.String)),
            ["gitlab"] = Keys(("url", Kind.String), ("client_id", Kind.String), ("client_secret", Kind.String)),
            ["google"] = Keys(("client_id", Kind.String), ("client_secret", Kind.String)),
            ["azuread"] = Keys(("client_id", Kind.String), ("client_secret", Kind.String), ("tenant_id", Kind.String)),
            ["sqlalchemy"] = Keys(("database_url", Kind.String), ("database_plugin_path", Kind.String),
                ("echo_sql", Kind.Bool), ("postgres_pool_size", Kind.Int), ("postgres_max_overflow", Kind.Int)),
            ["session"] = Keys(("secret", Kind.String), ("https_only", Kind.Bool)),
            ["local_store"] = Keys(("redirect_enabled", Kind.Bool), ("redirect_endpoint", Kind.String),
                ("redirect_secret", Kind.String), ("redirect_expiration", Kind.Int)),
            ["s3"] = Keys(("access_key", Kind.String), ("secret_key", Kind.String), ("url", Kind.String),
                ("region", Kind.String), ("bucket_name", Kind.String), ("bucket_prefix", Kind.String),
                ("bucket_suffix", Kind.String)),
            ["logging"] = Keys(("level", Kind.String), ("file", Kind.String)),
            ["users"] = Keys(("admins", Kind.List), ("maintainers", Kind.List), ("members", Kind.List),
                ("default_role", Kind.String), ("collect_emails", Kind.Bool), ("create_default_channel", Kind.Bool)),
            ["worker"] = Keys(("type", Kind.String)),
            ["plugins"] = Keys(("enabled", Kind.List)),
            ["mirroring"] = Keys(("batch_length", Kind.Int), ("batch_size", Kind.Int), ("num_parallel_downloads", Kind.Int)),
            ["quotas"] = Keys(("channel_quota", Kind.Int)),
            ["profiling"] = Keys(("enable_sampling", Kind.Bool), ("interval_seconds", Kind.Float)),
            ["storage"] = Keys(("soft_delete_channel", Kind.Bool), ("soft_delete_package", Kind.Bool)),
            ["compression"] = Keys(("gz_enabled", Kind.Bool), ("bz2_enabled", Kind.Bool), ("zst_enabled", Kind.Bool)),
            ["repodata"] = Keys(("shards", Kind.Bool), ("shard_grace_days", Kind.Int)),
        };

    private static Dictionary<string, Kind> Keys(params (string Key, Kind Kind)[] keys) =>
        keys.ToDictionary(k => k.Key, k => k.Kind, StringComparer.Ordinal);
}
