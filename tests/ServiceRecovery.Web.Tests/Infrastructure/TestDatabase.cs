using Npgsql;

namespace ServiceRecovery.Web.Tests.Infrastructure;

/// <summary>
/// One throw-away database per test run on the PostgreSQL server that <c>./test.sh</c> starts (connection in
/// SR_TEST_PG, a superuser, without a database name). As in production (ADR 0010) the database belongs to an owner
/// role, which migrates, and the app runs as a runtime role with rows-only grants: <see cref="OwnerConnectionString"/>
/// and <see cref="AppConnectionString"/>. <see cref="ConnectionString"/> is the superuser's, for setting up states
/// and resetting between tests.
/// </summary>
public sealed class TestDatabase
{
    public const string OwnerRole = "sr_test_owner";

    public const string AppRole = "sr_test_app";

    private TestDatabase(string serverConnectionString, string name)
    {
        ServerConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name, IncludeErrorDetail = true }.ConnectionString;
        OwnerConnectionString = As(OwnerRole);
        AppConnectionString = As(AppRole);
    }

    public string OwnerConnectionString { get; }

    public string AppConnectionString { get; }

    private string As(string role) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Username = role, Password = role }.ConnectionString;

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
        // The two roles exist once per server; several test processes may ask at the same moment.
        foreach (var role in new[] { OwnerRole, AppRole })
        {
            await using var create = new NpgsqlCommand(
                $"DO $$ BEGIN CREATE ROLE {role} LOGIN PASSWORD '{role}'; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$", conn);
            await create.ExecuteNonQueryAsync();
        }

        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\" OWNER {OwnerRole}", conn);
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
