using Microsoft.EntityFrameworkCore;
using Npgsql;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Infrastructure.Messaging;
using ServiceRecovery.Web.Tests.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Messaging;

/// <summary>
/// Two app instances on one database, each with a real Quartz scheduler in the PostgreSQL cluster: the digest runs
/// for the day once and every message reaches the SMTP server once (ADR 0014).
/// </summary>
public sealed class JobsClusterTests(WebFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task Two_instances_run_the_digest_once_and_send_each_message_once()
    {
        var driver = new CaseDriver(Fixture);
        var reference = await driver.LogAtAsync(Stage.FollowUpDue);
        await Fixture.ExecuteSqlAsync($"UPDATE recovery_cases SET follow_up_due_on = '{driver.Today:yyyy-MM-dd}' WHERE reference = '{reference}'");
        var plain = await MessagingDriver.EnqueueAsync(Fixture.Services, 20);
        // The 20 plus what the case's own steps wrote (its survey link), plus the one digest to come.
        var expected = await Fixture.QueryAsync(db => db.OutboxMessages.CountAsync()) + 1;
        Assert.True(expected >= 21);

        var port = DevSmtpServer.FreePort();
        await using var smtp = new DevSmtpServer(port, capacity: 1000);
        await smtp.StartAsync();
        var jobs = new Dictionary<string, string?>
        {
            ["Jobs:Enabled"] = "true",
            ["Jobs:OutboxIntervalSeconds"] = "1",
            ["Jobs:IdleWaitSeconds"] = "1",
            // Every second instead of 08:00: the digest fires over and over on both nodes, and must still make one message.
            ["Jobs:DigestCron"] = "* * * * * ?",
            ["Outbox:BatchSize"] = "5",
        };
        await using var first = MessagingDriver.App(Fixture, port, jobs);
        await using var second = MessagingDriver.App(Fixture, port, jobs);
        _ = first.Services;
        _ = second.Services;

        await MessagingDriver.EventuallyAsync(async () => smtp.Received.Count >= expected && await InstancesAsync() == 2, $"{expected} messages and two cluster members");
        await Task.Delay(TimeSpan.FromSeconds(4)); // several more digest firings and sender runs on both nodes

        Assert.Equal(2, await InstancesAsync());
        var received = smtp.Received;
        Assert.Equal(expected, received.Count);
        Assert.Equal(received.Count, received.Select(r => r.MessageId).Distinct().Count());
        Assert.Single(received, r => r.Subject.StartsWith("Follow-ups due today", StringComparison.Ordinal) && r.Text.Contains(reference, StringComparison.Ordinal));
        Assert.All(plain, id => Assert.Single(received, r => r.MessageId == OutboxSender.MessageIdOf(id)));
        Assert.Equal(1, await Fixture.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == MessageKinds.FollowUpsDueToday)));
        Assert.Equal(1, await Fixture.QueryAsync(db => db.ScheduledRuns.CountAsync()));
        Assert.All(await MessagingDriver.MessagesAsync(Fixture), m => Assert.Equal((OutboxStatus.Sent, 1), (m.Status, m.Attempts)));

        // Every background job is in the cluster's store, and the KPI roll-up caught up with the cases on its first run.
        Assert.Equal(
            ["follow-up-digest-daily", "kpi-rollup-every", "outbox-sender-every", "root-cause-digest-weekly"],
            await StringsAsync("SELECT trigger_name FROM qrtz_triggers ORDER BY trigger_name"));
        Assert.NotEmpty(await StringsAsync("SELECT refreshed_at::text FROM kpi_rollup_state WHERE refreshed_at IS NOT NULL"));
    }

    private async Task<List<string>> StringsAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(Fixture.Database.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private async Task<long> InstancesAsync()
    {
        await using var conn = new NpgsqlConnection(Fixture.Database.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM qrtz_scheduler_state", conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
