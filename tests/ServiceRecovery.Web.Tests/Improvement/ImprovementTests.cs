using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Customers;
using ServiceRecovery.Domain.Improvement;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Features.Improvement;
using Inbox = ServiceRecovery.Web.Features.Improvement.Index;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Messaging;
using ServiceRecovery.Web.Tests.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Improvement;

/// <summary>The improvement inbox: who sees which causes, the figures, improvement actions and the before/after comparison.</summary>
public sealed class ImprovementTests(WebFixture fixture) : WebTest(fixture)
{
    private const string Owner = "owner@demo.test";
    private const string OtherOwner = "other.owner@demo.test";
    private readonly CaseDriver _cases = new(fixture);

    /// <summary>A second process owner, owning People › Training.</summary>
    private async Task GiveTrainingToAnotherOwnerAsync()
    {
        await using var scope = Fixture.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { Id = Guid.CreateVersion7(), UserName = OtherOwner, Email = OtherOwner, EmailConfirmed = true, DisplayName = "Olga Other", CreatedAt = DateTimeOffset.UtcNow };
        Assert.True((await users.CreateAsync(user, "Another-pass-2026!")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.ProcessOwner)).Succeeded);
        await Fixture.ExecuteSqlAsync($"UPDATE root_causes SET process_owner_id = '{user.Id}' WHERE name = 'Training'");
    }

    /// <summary>Cases with <paramref name="cause"/> opened at the given instants, made through the domain (as the demo data does).</summary>
    private async Task<List<Guid>> CasesAtAsync(string cause, Guid customerId, params DateTimeOffset[] openedAt)
    {
        var ids = new List<Guid>();
        await using var scope = Fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var fran = await db.Users.Where(u => u.Email == CaseDriver.Frontline).Select(u => new Actor(u.Id, u.DisplayName, StaffRole.Frontline)).SingleAsync();
        var leaf = await (from c in db.RootCauses join g in db.RootCauseGroups on c.GroupId equals g.Id where c.Name == cause select new RootCauseLeaf(c.Id, g.Name, c.Name, true)).SingleAsync();
        var number = 900_000 + await db.Cases.CountAsync();
        foreach (var at in openedAt)
        {
            var ctx = new ActionContext(fran, at);
            var c = RecoveryCase.Log(CaseReference.Format(at.Year, ++number), customerId, Channel.InPerson, CaseDriver.Category, Severity.Minor,
                null, "Sample complaint.", null, null, null, fran.UserId, fran.Name, ctx);
            c.ClassifyRootCause(leaf, null, null, ctx);
            db.Cases.Add(c);
            ids.Add(c.Id);
        }

        await db.SaveChangesAsync();
        return ids;
    }

    private async Task<Guid> CustomerAsync(string name)
    {
        var customer = Customer.Create(name, null, "+44 20 7946 0000", CustomerTier.Standard, DateTimeOffset.UtcNow.AddYears(-1));
        await using var scope = Fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer.Id;
    }

    private static DateTimeOffset Noon(DateOnly day) => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    [Fact]
    public async Task A_process_owner_sees_only_the_causes_they_own_and_a_manager_sees_all()
    {
        await GiveTrainingToAnotherOwnerAsync();
        await CasesAtAsync("Training", await CustomerAsync("A"), Noon(_cases.Today.AddDays(-2)));

        var mine = await Fixture.SendAsync(new Inbox.Query(30), Owner);
        var theirs = await Fixture.SendAsync(new Inbox.Query(30), OtherOwner);
        var all = await Fixture.SendAsync(new Inbox.Query(30), CaseDriver.Manager);

        Assert.Equal(["Process › Hand-off", "Facility › Noise", "Product › Food & beverage"], mine.Causes.Select(c => c.Cause.FullName));
        Assert.Equal(["People › Training"], theirs.Causes.Select(c => c.Cause.FullName));
        Assert.Equal(1, theirs.Causes[0].CaseCount);
        Assert.Equal(10, all.Causes.Count);

        using var browser = await Fixture.SignInAsync(Owner);
        var page = await browser.GetPageAsync("/improvement");
        Assert.Equal(3, page.QuerySelectorAll("[data-testid=cause]").Length);
        Assert.DoesNotContain("Training", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_process_owner_cannot_open_link_or_close_an_action_on_another_owners_cause()
    {
        await GiveTrainingToAnotherOwnerAsync();
        var training = await _cases.CauseIdAsync("Training");
        var actionId = await Fixture.SendAsync(new OpenAction.Command { RootCauseId = training, WhatWillChange = "Buddy system for new starters.", OwnerId = await _cases.UserIdAsync(OtherOwner), DueOn = _cases.Today.AddDays(10) }, OtherOwner);
        var caseId = (await CasesAtAsync("Training", await CustomerAsync("B"), Noon(_cases.Today.AddDays(-1))))[0];

        var me = await _cases.UserIdAsync(Owner);
        await Assert.ThrowsAsync<CaseAccessDeniedException>(() => Fixture.SendAsync(new OpenAction.Command { RootCauseId = training, WhatWillChange = "x", OwnerId = me, DueOn = _cases.Today }, Owner));
        await Assert.ThrowsAsync<CaseAccessDeniedException>(() => Fixture.SendAsync(new Inbox.LinkCases { ActionId = actionId, CaseIds = [caseId] }, Owner));
        await Assert.ThrowsAsync<CaseAccessDeniedException>(() => Fixture.SendAsync(new MarkDone.Command { ActionId = actionId, DoneOn = _cases.Today }, Owner));

        using var browser = await Fixture.SignInAsync(Owner);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/improvement/actions/{actionId}/done")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/improvement/actions/new?cause={training}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/improvement/actions/new")).StatusCode);
        Assert.Equal(0, await Fixture.QueryAsync(db => db.ImprovementActionCases.CountAsync()));
        Assert.Null(await Fixture.QueryAsync(db => db.ImprovementActions.Where(a => a.Id == actionId).Select(a => a.DoneOn).SingleAsync()));

        using var frontline = await Fixture.SignInAsync(CaseDriver.Frontline);
        Assert.Equal(HttpStatusCode.Forbidden, (await frontline.GetAsync("/improvement")).StatusCode);
    }

    [Fact]
    public async Task Open_link_and_done_then_the_inbox_compares_equal_windows_before_and_after_with_the_counts()
    {
        // Hand-computed: done 28 days ago → 4 full weeks each side. Before [done−28, done): 4 cases; after [done, today): 1.
        // Outside both windows: one case 40 days before done.
        var today = _cases.Today;
        var done = today.AddDays(-28);
        var ana = await CustomerAsync("Ana Repeat");
        var ben = await CustomerAsync("Ben Once");
        var before = await CasesAtAsync("Hand-off", ana, Noon(done.AddDays(-27)), Noon(done.AddDays(-15)), Noon(done.AddDays(-1)));
        await CasesAtAsync("Hand-off", ben, Noon(done.AddDays(-10)), Noon(done.AddDays(-40)));
        await CasesAtAsync("Hand-off", ben, Noon(done.AddDays(3)));
        var handOff = await _cases.CauseIdAsync("Hand-off");

        using var browser = await Fixture.SignInAsync(Owner);
        var open = await browser.SubmitFormAsync($"/improvement/actions/new?cause={handOff}", new Dictionary<string, string>
        {
            ["Data.WhatWillChange"] = "Special requests printed on the kitchen ticket.", ["Data.DueOn"] = today.AddDays(7).ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        var action = await Fixture.QueryAsync(db => db.ImprovementActions.SingleAsync());
        Assert.Equal(await _cases.UserIdAsync(Owner), action.OwnerId);

        await Fixture.SendAsync(new Inbox.LinkCases { ActionId = action.Id, CaseIds = [.. before] }, Owner);
        Assert.Equal(3, await Fixture.QueryAsync(db => db.ImprovementActionCases.CountAsync(l => l.ActionId == action.Id)));
        var wrongCause = (await CasesAtAsync("Noise", ben, Noon(today.AddDays(-1))))[0];
        var refused = await Assert.ThrowsAsync<DomainException>(() => Fixture.SendAsync(new Inbox.LinkCases { ActionId = action.Id, CaseIds = [wrongCause] }, Owner));
        Assert.Equal("improvement.wrong_cause", refused.Code);

        var doneForm = await browser.SubmitFormAsync($"/improvement/actions/{action.Id}/done", new Dictionary<string, string> { ["Data.DoneOn"] = done.ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.Redirect, doneForm.StatusCode);
        var again = await Assert.ThrowsAsync<DomainException>(() => Fixture.SendAsync(new MarkDone.Command { ActionId = action.Id, DoneOn = today, Version = 0 }, Owner));
        Assert.Equal("improvement.already_done", again.Code);

        var inbox = await Fixture.SendAsync(new Inbox.Query(90), Owner);
        var panel = inbox.Causes.Single(c => c.Cause.Name == "Hand-off");
        var row = Assert.Single(panel.Actions);
        Assert.Equal(done, row.DoneOn);
        Assert.Equal(new RateComparison(done, 4, 4, 1), row.Comparison);
        Assert.Equal("Fewer cases since it was done: 4 cases in 4 weeks before, 1 in 4 weeks after.", row.Comparison!.Verdict);
        Assert.Equal(3, row.LinkedCases);
        // The last 90 days hold all 6 cases (the oldest is 68 days ago; it is only outside the 4-week comparison window).
        Assert.Equal(6, panel.CaseCount);
        // Repeats: Ana's 2nd and 3rd case, Ben's 2nd and 3rd.
        Assert.Equal(4, panel.Repeats);
        Assert.Equal(66.7m, panel.RepeatRate);
        Assert.Equal(6, panel.Weeks.Sum(w => w.Cases));

        var page = await browser.GetPageAsync("/improvement?days=90");
        Assert.Contains("4 cases in 4 weeks before, 1 in 4 weeks after", page.QuerySelector("[data-testid=verdict]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, await Fixture.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action.StartsWith("improvement."))));
    }

    [Fact]
    public async Task Too_early_to_tell_under_two_full_weeks_after_done()
    {
        var handOff = await _cases.CauseIdAsync("Hand-off");
        var id = await Fixture.SendAsync(new OpenAction.Command { RootCauseId = handOff, WhatWillChange = "Checklist.", OwnerId = await _cases.UserIdAsync(Owner), DueOn = _cases.Today }, Owner);
        var version = await Fixture.QueryAsync(db => db.ImprovementActions.Where(a => a.Id == id).Select(a => EF.Property<uint>(a, "Version")).SingleAsync());
        await Fixture.SendAsync(new MarkDone.Command { ActionId = id, DoneOn = _cases.Today.AddDays(-10), Version = version }, Owner);

        var row = (await Fixture.SendAsync(new Inbox.Query(30), Owner)).Causes.Single(c => c.Cause.Name == "Hand-off").Actions.Single();

        Assert.True(row.Comparison!.TooEarly);
        Assert.StartsWith("Too early to tell", row.Comparison.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_done_is_refused_by_the_action_rows_version()
    {
        var handOff = await _cases.CauseIdAsync("Hand-off");
        var id = await Fixture.SendAsync(new OpenAction.Command { RootCauseId = handOff, WhatWillChange = "Checklist.", OwnerId = await _cases.UserIdAsync(Owner), DueOn = _cases.Today }, Owner);
        var version = await Fixture.QueryAsync(db => db.ImprovementActions.Where(a => a.Id == id).Select(a => EF.Property<uint>(a, "Version")).SingleAsync());
        await Fixture.ExecuteSqlAsync($"UPDATE improvement_actions SET due_on = due_on + 1 WHERE id = '{id}'");

        await Assert.ThrowsAnyAsync<Exception>(() => Fixture.SendAsync(new MarkDone.Command { ActionId = id, DoneOn = _cases.Today, Version = version }, Owner));
        Assert.Null(await Fixture.QueryAsync(db => db.ImprovementActions.Where(a => a.Id == id).Select(a => a.DoneOn).SingleAsync()));
    }

    [Fact]
    public async Task The_weekly_digest_is_enqueued_once_per_owner_and_week()
    {
        var reference = await _cases.LogAtAsync(Stage.FollowUpDue);
        await Fixture.ExecuteSqlAsync($"UPDATE recovery_cases SET root_cause_id = (SELECT id FROM root_causes WHERE name = 'Noise') WHERE reference = '{reference}'");
        await _cases.SendStepAsync(reference, new ServiceRecovery.Web.Features.Cases.CloseUnsatisfied.Command { Note = "No." });
        var week = RootCauseDigest.WeekOf(_cases.Today);

        async Task<int> EnqueueAsync()
        {
            await using var scope = Fixture.Services.CreateAsyncScope();
            var digest = scope.ServiceProvider.GetRequiredService<RootCauseDigest>();
            var n = await digest.EnqueueAsync(week, default);
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
            return n;
        }

        Assert.Equal(1, await EnqueueAsync());
        Assert.Equal(0, await EnqueueAsync());
        var message = await Fixture.QueryAsync(db => db.OutboxMessages.SingleAsync(m => m.Kind == MessageKinds.RootCauseWeeklyDigest));
        Assert.Equal("owner@demo.test", message.ToAddress);
        Assert.True(message.TextBody.Contains("Noise: 1", StringComparison.Ordinal), message.TextBody);
        Assert.Contains("Hand-off: 0", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_weekly_job_sends_last_weeks_digest_once_however_often_it_runs_with_a_link_to_the_inbox()
    {
        var reference = await _cases.LogAtAsync(Stage.FollowUpDue);
        await Fixture.ExecuteSqlAsync($"UPDATE recovery_cases SET root_cause_id = (SELECT id FROM root_causes WHERE name = 'Noise') WHERE reference = '{reference}'");
        await _cases.SendStepAsync(reference, new ServiceRecovery.Web.Features.Cases.CloseUnsatisfied.Command { Note = "No." });
        // Closed last week, as the Monday job sees it.
        await Fixture.ExecuteSqlAsync($"UPDATE recovery_cases SET closed_at = closed_at - interval '7 days' WHERE reference = '{reference}'");

        async Task<int?> RunAsync()
        {
            await using var scope = Fixture.Services.CreateAsyncScope();
            return await RootCauseDigestJob.RunAsync(scope.ServiceProvider, default);
        }

        var runs = await Task.WhenAll(RunAsync(), RunAsync(), RunAsync());

        Assert.Equal([1], runs.Where(r => r is not null).Select(r => r!.Value));
        Assert.Null(await RunAsync());
        var message = await Fixture.QueryAsync(db => db.OutboxMessages.SingleAsync(m => m.Kind == MessageKinds.RootCauseWeeklyDigest));
        Assert.Contains("Noise: 1", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:5080/improvement", message.TextBody, StringComparison.Ordinal);
        Assert.Equal(1, await Fixture.QueryAsync(db => db.ScheduledRuns.CountAsync(r => r.Job == RootCauseDigestJob.JobName)));
    }
}
