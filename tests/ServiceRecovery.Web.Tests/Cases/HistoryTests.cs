using Microsoft.EntityFrameworkCore;
using Npgsql;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Features.Admin.Users;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Cases;

/// <summary>The case timeline and the audit trail are append-only in the database itself, whoever connects.</summary>
public sealed class HistoryTests(WebFixture fixture) : WebTest(fixture)
{
    private readonly CaseDriver _cases = new(fixture);

    [Theory]
    [InlineData("UPDATE case_timeline SET summary = 'x'", "UPDATE")]
    [InlineData("UPDATE case_timeline SET actor_name = 'Someone else' WHERE sequence = 1", "UPDATE")]
    [InlineData("DELETE FROM case_timeline", "DELETE")]
    [InlineData("DELETE FROM case_timeline WHERE sequence = 2", "DELETE")]
    public async Task The_case_timeline_refuses_changes_and_deletions(string sql, string operation)
    {
        var reference = await _cases.LogAtAsync(Stage.Apologized);
        var before = await RowsAsync("SELECT id, sequence, summary, actor_name FROM case_timeline ORDER BY sequence");
        Assert.Equal(2, before.Count);

        var ex = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(sql));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, ex.SqlState);
        Assert.Equal($"case_timeline is append-only: {operation} is not allowed", ex.MessageText);
        Assert.Equal(before, await RowsAsync("SELECT id, sequence, summary, actor_name FROM case_timeline ORDER BY sequence"));
        Assert.Equal(2, (await _cases.TimelineAsync(reference)).Count);
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET subject = 'x'", "UPDATE")]
    [InlineData("DELETE FROM audit_entries", "DELETE")]
    public async Task The_audit_trail_refuses_changes_and_deletions(string sql, string operation)
    {
        await Fixture.SendAsync(new Create.Command
        {
            Email = "new.starter@demo.test",
            DisplayName = "New Starter",
            Password = "Starter-pass-2026!",
            Roles = ["Frontline"],
        }, "admin@demo.test");
        var before = await RowsAsync("SELECT id, action, subject, actor_name FROM audit_entries ORDER BY id");
        Assert.Single(before);

        var ex = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(sql));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, ex.SqlState);
        Assert.Equal($"audit_entries is append-only: {operation} is not allowed", ex.MessageText);
        Assert.Equal(before, await RowsAsync("SELECT id, action, subject, actor_name FROM audit_entries ORDER BY id"));
    }

    [Fact]
    public async Task The_timeline_keeps_every_step_in_order()
    {
        var reference = await _cases.LogAtAsync(Stage.Fixed);

        var kinds = (await _cases.TimelineAsync(reference)).Select(t => (t.Sequence, t.Kind));

        // The fix step records the root cause, then the fix, in one command.
        Assert.Equal([(1, TimelineKinds.Logged), (2, TimelineKinds.Apologized), (3, TimelineKinds.Listened), (4, TimelineKinds.RootCauseClassified), (5, TimelineKinds.Fixed)], kinds);
        Assert.Equal(5, await Fixture.QueryAsync(db => db.Timeline.CountAsync()));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(Fixture.Database.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> RowsAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(Fixture.Database.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(string.Join("|", values));
        }

        return rows;
    }
}
