using Npgsql;
using ServiceRecovery.Web.Infrastructure.Startup;
using ServiceRecovery.Web.Tests.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Foundation;

/// <summary>
/// The app's runtime role (what it serves as; every other test runs the app as it too) may read and write rows, but
/// cannot rewrite history or the schema: connected as that role, UPDATE, DELETE and TRUNCATE of the append-only tables
/// and DDL are refused by PostgreSQL's privileges; TRUNCATE is refused to the owner too, by trigger (ADR 0010).
/// </summary>
public sealed class DatabaseRoleTests(WebFixture fixture) : WebTest(fixture)
{
    private async Task<PostgresException?> RunAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        try
        {
            await cmd.ExecuteNonQueryAsync();
            return null;
        }
        catch (PostgresException ex)
        {
            return ex;
        }
    }

    private async Task HistoryAsync()
    {
        var driver = new CaseDriver(Fixture);
        var reference = await driver.LogAtAsync(Domain.Cases.Stage.Fixed);
        await driver.SendStepAsync(reference, new Features.Cases.Atone.Command { Gesture = Domain.Cases.GestureType.Voucher, Amount = 20m, Description = "Drinks." });
        await Fixture.SendAsync(new Features.Admin.Users.Create.Command
        {
            Email = "new.starter@demo.test", DisplayName = "New Starter", Password = "Starter-pass-2026!", Roles = ["Frontline"],
        }, "admin@demo.test");
    }

    public static TheoryData<string> AppendOnlyTables() => [.. DatabaseMigrator.AppendOnlyTables];

    [Theory]
    [MemberData(nameof(AppendOnlyTables))]
    public async Task The_runtime_role_cannot_update_delete_or_truncate_history(string table)
    {
        await HistoryAsync();
        var app = Fixture.Database.AppConnectionString;

        foreach (var sql in new[] { $"UPDATE {table} SET id = id", $"DELETE FROM {table}", $"TRUNCATE {table}", $"TRUNCATE {table} CASCADE" })
        {
            var refusal = await RunAsync(app, sql);
            Assert.True(refusal?.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {refusal?.MessageText ?? "allowed"}");
            Assert.StartsWith("permission denied", refusal!.MessageText, StringComparison.Ordinal); // the privilege, not the trigger
        }

        Assert.Null(await RunAsync(app, $"SELECT count(*) FROM {table}"));
        await using var conn = new NpgsqlConnection(Fixture.Database.ConnectionString);
        await conn.OpenAsync();
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", conn);
        Assert.True((long)(await count.ExecuteScalarAsync())! > 0, $"{table} kept its rows");
    }

    [Theory]
    [InlineData("DROP TRIGGER case_timeline_append_only ON case_timeline")]
    [InlineData("ALTER TABLE case_timeline DISABLE TRIGGER ALL")]
    [InlineData("CREATE TABLE sneaky (id int)")]
    [InlineData("DROP TABLE recovery_cases")]
    [InlineData("TRUNCATE recovery_cases CASCADE")]
    [InlineData("INSERT INTO __ef_migrations_history VALUES ('x', 'y')")]
    public async Task The_runtime_role_cannot_change_the_schema_or_empty_a_table(string sql)
    {
        var refusal = await RunAsync(Fixture.Database.AppConnectionString, sql);

        Assert.True(refusal?.SqlState is PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {refusal?.SqlState} {refusal?.MessageText ?? "allowed"}");
    }

    [Theory]
    [MemberData(nameof(AppendOnlyTables))]
    public async Task Not_even_the_owner_truncates_history(string table)
    {
        await HistoryAsync();

        var refusal = await RunAsync(Fixture.Database.OwnerConnectionString, $"TRUNCATE {table} CASCADE");

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refusal?.SqlState);
        Assert.Equal($"{table} is append-only: TRUNCATE is not allowed", refusal!.MessageText);
    }

    [Fact]
    public async Task The_runtime_role_reads_and_writes_ordinary_rows()
    {
        await HistoryAsync(); // logging, steps, a gesture and a new user: all through the app, as the runtime role

        Assert.Null(await RunAsync(Fixture.Database.AppConnectionString, "UPDATE recovery_cases SET category = category"));
        Assert.Null(await RunAsync(Fixture.Database.AppConnectionString, "SELECT nextval('case_number_seq')"));
    }
}
