using Microsoft.Data.Sqlite;
using Quetz.Host.Tests.Infrastructure;
using Quetz.Host.Tests.Users;

namespace Quetz.Host.Tests.Identity;

/// <summary>
/// quetz stores API keys in plain text; the rebuild keeps only a lookup hash and an encryption under the session
/// secret, so a copy of the database gives no working key. Read straight from the SQLite file.
/// </summary>
public sealed class ApiKeyStorageTests(SqliteQuetzServer server) : IClassFixture<SqliteQuetzServer>
{
    [Fact]
    public async Task Keys_are_not_stored_in_plain_text()
    {
        using var bob = await server.LoggedInAsync("bob");
        var description = "stored " + Guid.NewGuid();
        var key = (await bob.CreateKeyAsync(new { description, roles = Array.Empty<object>() })).GetProperty("key").GetString()!;

        var rows = ReadApiKeyRows();

        Assert.Contains(rows, row => row.Contains(description));
        Assert.All(rows, row => Assert.DoesNotContain(row, value => value.Contains(key, StringComparison.Ordinal)));
    }

    /// <summary>Every column of every <c>api_keys</c> row, as text.</summary>
    private List<string[]> ReadApiKeyRows()
    {
        var path = Path.Combine(server.Directory, "quetz.sqlite");
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM api_keys";
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i) switch
            {
                byte[] blob => System.Text.Encoding.UTF8.GetString(blob),
                var value => Convert.ToString(value) ?? "",
            }).ToArray());
        }

        return rows;
    }
}
