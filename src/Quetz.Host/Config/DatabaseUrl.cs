using Npgsql;
using Quetz.Abstractions.Data;

namespace Quetz.Host.Config;


/// <summary>An SQLAlchemy-style database URL, as quetz's config holds it, translated for EF Core.</summary>
internal sealed record DatabaseUrl(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>
    /// <c>sqlite:///relative/path</c> is relative to the deployment folder, <c>sqlite:////abs/path</c> absolute;
    /// <c>postgresql[+driver]://user:pass@host:port/db?options</c>.
    /// </summary>
    public static DatabaseUrl Parse(string url, string deploymentDirectory)
    {
        const string sqlitePrefix = "sqlite:///";
        if (url.StartsWith(sqlitePrefix, StringComparison.OrdinalIgnoreCase))
        {
            var path = url[sqlitePrefix.Length..];
            if (path.Length == 0 || path == ":memory:")
            {
                throw new ConfigException($"[sqlalchemy] database_url: an in-memory SQLite database cannot hold a deployment ('{url}')");
            }

            var full = Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(deploymentDirectory, path));
            return new(DatabaseProvider.Sqlite, $"Data Source={full};Pooling=True");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || !(uri.Scheme.Equals("postgresql", StringComparison.OrdinalIgnoreCase)
                 || uri.Scheme.StartsWith("postgresql+", StringComparison.OrdinalIgnoreCase)
                 || uri.Scheme.Equals("postgres", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ConfigException(
                $"[sqlalchemy] database_url: unsupported URL '{Redact(url)}' (expected sqlite:///path or postgresql://user:pass@host:port/db)");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = string.IsNullOrEmpty(uri.Host) ? "localhost" : uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            var value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            if (key == "host")
            {
                builder.Host = value;
            }
            else if (key == "sslmode")
            {
                builder["SSL Mode"] = value;
            }
        }

        if (string.IsNullOrEmpty(builder.Database))
        {
            throw new ConfigException($"[sqlalchemy] database_url: no database name in '{Redact(url)}'");
        }

        return new(DatabaseProvider.PostgreSql, builder.ConnectionString);
    }

    private static string Redact(string url)
    {
        var at = url.IndexOf('@', StringComparison.Ordinal);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        return at > 0 && scheme > 0 ? url[..(scheme + 3)] + "***" + url[at..] : url;
    }
}
