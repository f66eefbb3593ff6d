using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Infrastructure.Messaging;
using ServiceRecovery.Web.Tests.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Messaging;

/// <summary>The morning digest: each owner's follow-ups due on or before today (the organisation's day), once a day.</summary>
public sealed class FollowUpDigestTests(WebFixture fixture) : WebTest(fixture)
{
    private async Task<int?> RunDigestAsync()
    {
        await using var scope = Fixture.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FollowUpDigest>().RunAsync(CancellationToken.None);
    }

    private async Task DueOnAsync(string reference, DateOnly day) =>
        await Fixture.ExecuteSqlAsync($"UPDATE recovery_cases SET follow_up_due_on = '{day:yyyy-MM-dd}' WHERE reference = '{reference}'");

    [Fact]
    public async Task Each_owner_gets_one_message_with_their_cases_due_today_and_none_due_later()
    {
        var driver = new CaseDriver(Fixture);
        var today = driver.Today;
        var dueToday = await driver.LogAtAsync(Stage.FollowUpDue, CaseDriver.Frontline, CaseDriver.Complaint("Ana <b>Lima</b>", "ana@example.com"));
        var overdue = await driver.LogAtAsync(Stage.FollowUpDue, CaseDriver.Frontline, CaseDriver.Complaint("Ben Ode", "ben@example.com"));
        var tomorrow = await driver.LogAtAsync(Stage.FollowUpDue, CaseDriver.Frontline, CaseDriver.Complaint("Cleo Park", "cleo@example.com"));
        var supervisors = await driver.LogAtAsync(Stage.FollowUpDue, CaseDriver.Supervisor, CaseDriver.Complaint("Dan Roe", "dan@example.com"));
        var notYetInFollowUp = await driver.LogAtAsync(Stage.Fixed, CaseDriver.Frontline, CaseDriver.Complaint("Eve Sol", "eve@example.com"));
        await DueOnAsync(dueToday, today);
        await DueOnAsync(overdue, today.AddDays(-2));
        await DueOnAsync(tomorrow, today.AddDays(1));
        await DueOnAsync(supervisors, today);

        Assert.Equal(2, await RunDigestAsync());

        var digests = await Fixture.QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == MessageKinds.FollowUpsDueToday).ToListAsync());
        Assert.Equal(2, digests.Count);
        var fran = Assert.Single(digests, m => m.ToAddress == CaseDriver.Frontline);
        Assert.Equal("en", fran.Language);
        Assert.Equal("Follow-ups due today: 2 cases", fran.Subject);
        Assert.Contains(dueToday, fran.TextBody, StringComparison.Ordinal);
        Assert.Contains(overdue + " - Ben Ode - due", fran.TextBody, StringComparison.Ordinal);
        Assert.Contains("(overdue)", fran.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:5080/cases/" + dueToday, fran.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(tomorrow, fran.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(notYetInFollowUp, fran.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(supervisors, fran.TextBody, StringComparison.Ordinal);
        Assert.Contains("Ana &lt;b&gt;Lima&lt;/b&gt;", fran.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"http://127.0.0.1:5080/cases/{dueToday}\">{dueToday}</a>", fran.HtmlBody, StringComparison.Ordinal);
        var sam = Assert.Single(digests, m => m.ToAddress == CaseDriver.Supervisor);
        Assert.Contains(supervisors, sam.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(dueToday, sam.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Running_it_again_the_same_day_sends_nothing_more()
    {
        var driver = new CaseDriver(Fixture);
        var reference = await driver.LogAtAsync(Stage.FollowUpDue);
        await DueOnAsync(reference, driver.Today);

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RunDigestAsync()));
        var later = await RunDigestAsync();

        Assert.Equal([1], runs.Where(r => r is not null).Select(r => r!.Value));
        Assert.Null(later);
        Assert.Equal(1, await Fixture.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == MessageKinds.FollowUpsDueToday)));
        var run = Assert.Single(await Fixture.QueryAsync(db => db.ScheduledRuns.AsNoTracking().ToListAsync()));
        Assert.Equal((FollowUpDigest.JobName, driver.Today, 1), (run.Job, run.Day, run.Messages));
    }

    [Fact]
    public async Task A_day_with_nothing_due_is_recorded_and_sends_nothing()
    {
        Assert.Equal(0, await RunDigestAsync());
        Assert.Equal(0, await Fixture.QueryAsync(db => db.OutboxMessages.CountAsync()));
    }
}
