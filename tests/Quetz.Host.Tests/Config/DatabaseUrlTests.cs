using Npgsql;
using Quetz.Abstractions.Data;
using Quetz.Host.Config;

namespace Quetz.Host.Tests.Config;

public sealed class DatabaseUrlTests
{
    [Fact]
    public void A_relative_sqlite_path_is_inside_the_deployment()
    {
        var url = DatabaseUrl.Parse("sqlite:///./quetz.sqlite", "/srv/quetz");
        Assert.Equal(DatabaseProvider.Sqlite, url.Provider);
        Assert.Contains("Data Source=/srv/quetz/quetz.sqlite", url.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void An_absolute_sqlite_path_stays_absolute()
    {
        var url = DatabaseUrl.Parse("sqlite:////var/lib/quetz/db.sqlite", "/srv/quetz");
        Assert.Contains("Data Source=/var/lib/quetz/db.sqlite", url.ConnectionString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgresql://quetz:s%40cret@db.example.org:6543/quetz_db")]
    [InlineData("postgresql+psycopg2://quetz:s%40cret@db.example.org:6543/quetz_db")]
    public void A_postgres_url_becomes_an_npgsql_connection_string(string text)
    {
        var url = DatabaseUrl.Parse(text, "/srv/quetz");
        Assert.Equal(DatabaseProvider.PostgreSql, url.Provider);
        var builder = new NpgsqlConnectionStringBuilder(url.ConnectionString);
        Assert.Equal("db.example.org", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("quetz", builder.Username);
        Assert.Equal("s@cret", builder.Password);
        Assert.Equal("quetz_db", builder.Database);
    }

    [Fact]
    public void A_postgres_url_without_port_uses_5432()
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseUrl.Parse("postgresql://u@localhost/db", "/").ConnectionString);
        Assert.Equal(5432, builder.Port);
    }

    [Theory]
    [InlineData("mysql://u:p@host/db", "unsupported URL")]
    [InlineData("sqlite:///:memory:", "in-memory")]
    [InlineData("postgresql://u:secret@host:5432/", "no database name")]
    public void Unsupported_urls_are_refused_without_leaking_passwords(string text, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => DatabaseUrl.Parse(text, "/"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("[sqlalchemy] database_url", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }
}
