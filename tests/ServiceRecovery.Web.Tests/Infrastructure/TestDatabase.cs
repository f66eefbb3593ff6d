using Npgsql;

namespace ServiceRecovery.Web.Tests.Infrastructure;

/// <summary>
/// One throw-away database per test run on the PostgreSQL server that <c>./test.sh</c> starts
/// (connection in SR_TEST_PG, without a database name).
/// </summary>
public sealed class TestDatabase
{
    private TestDatabase(string serverConnectionString, string name)
    {
        ServerConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name, IncludeErrorDetail = true }.ConnectionString;
    }

    public string ServerConnectionString { get; }

    public string Name { get; }

    public string ConnectionString { get; }

    public static string ServerFromEnvironment() =>
        Environment.GetEnvironmentVariable("SR_TEST_PG") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                "SR_TEST_PG is not set. Run the tests with ./test.sh (it starts a throw-away PostgreSQL), " +
                "or point SR_TEST_PG at a server: Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres");

    public static async Task<TestDatabase> CreateAsync(string prefix)
    {
        var server = ServerFromEnvironment();
        var name = $"{prefix}_{DateTime.UtcNow:HHmmss}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
        await cmd.ExecuteNonQueryAsync();
        return new TestDatabase(server, name);
    }

    public async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres" }.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
