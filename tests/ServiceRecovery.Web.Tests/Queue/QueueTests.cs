using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Queue;

public sealed class QueueTests(WebFixture fixture) : WebTest(fixture)
{
    private async Task<string> LogAsync(string asEmail, bool assignToMe = true, Severity severity = Severity.Moderate, string customer = "Quinn Queue")
    {
        return await Fixture.SendAsync(new New.Command
        {
            CustomerName = customer,
            CustomerPhone = "+44 20 7946 0000",
            Channel = Channel.Phone,
            Category = "Noise",
            Severity = severity,
            WhatHappened = "Too loud.",
            AssignToMe = assignToMe,
            RequestId = Guid.NewGuid(),
        }, asEmail);
    }

    private Task SqlAsync(string sql) => Fixture.ExecuteSqlAsync(sql);

    private static List<string> References(AngleSharp.Html.Dom.IHtmlDocument page) => QueuePage.References(page);

    [Fact]
    public async Task Frontline_staff_see_only_their_own_and_unassigned_cases_in_the_queue_and_its_export()
    {
        var mine = await LogAsync("frontline@demo.test");
        var unassigned = await LogAsync("supervisor@demo.test", assignToMe: false);
        var someoneElses = await LogAsync("supervisor@demo.test");
        using var frontline = await Fixture.SignInAsync("frontline@demo.test");
        using var supervisor = await Fixture.SignInAsync("supervisor@demo.test");

        var seen = References(await frontline.GetPageAsync("/queue")).ToList();
        var export = await (await frontline.GetAsync("/queue?handler=Export")).Content.ReadAsStringAsync();
        var filteredToOther = References(await frontline.GetPageAsync("/queue?View.Owner=none&View.Text=" + someoneElses)).ToList();

        Assert.Equal(new[] { mine, unassigned }.Order(), seen.Order());
        Assert.DoesNotContain(someoneElses, export, StringComparison.Ordinal);
        Assert.Contains(mine, export, StringComparison.Ordinal);
        Assert.Empty(filteredToOther);
        Assert.Equal(new[] { mine, unassigned, someoneElses }.Order(), References(await supervisor.GetPageAsync("/queue")).Order());
    }

    [Fact]
    public async Task Filters_narrow_the_view_and_the_url_holds_it()
    {
        var critical = await LogAsync("supervisor@demo.test", severity: Severity.Critical);
        var minor = await LogAsync("supervisor@demo.test", severity: Severity.Minor, assignToMe: false);
        using var supervisor = await Fixture.SignInAsync("supervisor@demo.test");

        Assert.Equal([critical], References(await supervisor.GetPageAsync("/queue?View.Severity=Critical")));
        Assert.Equal([minor], References(await supervisor.GetPageAsync("/queue?View.Owner=none")));
        Assert.Equal([critical], References(await supervisor.GetPageAsync($"/queue?View.Text={critical.ToLowerInvariant()}")));
        var empty = await supervisor.GetPageAsync("/queue?View.Severity=Major");
        Assert.NotNull(empty.QuerySelector("[data-testid=queue-empty]"));
    }

    [Fact]
    public async Task Breached_and_at_risk_cases_are_counted_highlighted_and_listed_as_escalations()
    {
        var breached = await LogAsync("supervisor@demo.test");
        var atRisk = await LogAsync("supervisor@demo.test");
        var fine = await LogAsync("supervisor@demo.test");
        await SqlAsync($"UPDATE recovery_cases SET sla_due_at = now() - interval '1 hour', sla_at_risk_at = now() - interval '2 hours' WHERE reference = '{breached}'");
        await SqlAsync($"UPDATE recovery_cases SET sla_due_at = now() + interval '1 hour', sla_at_risk_at = now() - interval '1 minute' WHERE reference = '{atRisk}'");
        using var supervisor = await Fixture.SignInAsync("supervisor@demo.test");

        var queue = await supervisor.GetPageAsync("/queue");
        var escalations = await supervisor.GetPageAsync("/queue?View.Sla=Breached");

        Assert.Equal("Breached: 1", queue.QuerySelector("[data-sla=Breached]")?.TextContent);
        Assert.Equal("At risk: 1", queue.QuerySelector("[data-sla=AtRisk]")?.TextContent);
        Assert.Equal("On track: 1", queue.QuerySelector("[data-sla=OnTrack]")?.TextContent);
        Assert.Equal(breached, References(queue).First()); // SLA due first: the breached one leads
        Assert.Contains("table-danger", queue.QuerySelector($"tr[data-reference='{breached}']")?.ClassName, StringComparison.Ordinal);
        Assert.Equal([breached], References(escalations));
        Assert.DoesNotContain(fine, References(escalations));
    }

    [Fact]
    public async Task A_pause_never_hides_a_breach()
    {
        var reference = await LogAsync("supervisor@demo.test");
        await SqlAsync($"UPDATE recovery_cases SET sla_due_at = now() - interval '1 hour', sla_at_risk_at = now() - interval '2 hours', waiting_since = now() - interval '10 minutes' WHERE reference = '{reference}'");
        using var supervisor = await Fixture.SignInAsync("supervisor@demo.test");

        Assert.Equal([reference], References(await supervisor.GetPageAsync("/queue?View.Sla=Breached")));
        Assert.Empty(References(await supervisor.GetPageAsync("/queue?View.Sla=Paused")));
    }

    [Fact]
    public async Task Keyset_paging_walks_every_case_once_in_a_stable_order_even_when_sort_keys_tie()
    {
        var logged = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            logged.Add(await LogAsync("supervisor@demo.test"));
        }

        // Every case with the same SLA due time: the id breaks the tie.
        await SqlAsync("UPDATE recovery_cases SET sla_due_at = '2030-01-01T00:00:00Z', opened_at = '2026-01-01T00:00:00Z'");
        using var supervisor = await Fixture.SignInAsync("supervisor@demo.test");

        foreach (var sort in new[] { "Sla", "Age", "Severity" })
        {
            var walked = new List<string>();
            var url = $"/queue?View.Sort={sort}";
            var pages = 0;
            while (url is not null && pages++ < 10)
            {
                var page = await supervisor.GetPageAsync(url);
                walked.AddRange(References(page));
                url = page.QuerySelector("[data-testid=next-page]")?.GetAttribute("href");
            }

            Assert.Equal(2, pages); // 25 + 5, and no "next" on the last page
            Assert.Equal(30, walked.Count);
            Assert.Equal(logged.Order(), walked.Order());
            Assert.Equal(walked.Count, walked.Distinct().Count());
        }
    }

    [Fact]
    public async Task A_mangled_cursor_starts_again_from_the_first_page()
    {
        var reference = await LogAsync("supervisor@demo.test");
        using var supervisor = await Fixture.SignInAsync("supervisor@demo.test");

        var page = await supervisor.GetPageAsync("/queue?View.After=not-a-cursor");

        Assert.Equal([reference], References(page));
    }

    [Fact]
    public async Task Bulk_assignment_only_goes_to_active_staff_not_to_an_admin_account()
    {
        var a = await LogAsync("supervisor@demo.test", assignToMe: false);
        var adminId = await Fixture.QueryAsync(db => db.Users.Where(u => u.Email == "admin@demo.test").Select(u => u.Id).SingleAsync());
        using var supervisor = await Fixture.SignInAsync("supervisor@demo.test");

        var refused = await supervisor.SubmitFormAsync("/queue", new Dictionary<string, string>
        {
            ["Bulk.References[]"] = a,
            ["Bulk.Assignee"] = adminId.ToString(),
            ["Bulk.Reason"] = "Crafted post.",
        }, "form[action*='handler=Assign']");

        Assert.Contains("Choose someone from the list.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await Fixture.QueryAsync(db => db.Cases.Where(c => c.Reference == a).Select(c => c.OwnerId).SingleAsync()));
    }

    [Fact]
    public async Task Bulk_assignment_needs_a_reason_and_is_recorded_on_each_timeline()
    {
        var a = await LogAsync("supervisor@demo.test", assignToMe: false);
        var b = await LogAsync("supervisor@demo.test", assignToMe: false);
        var franId = await Fixture.QueryAsync(db => db.Users.Where(u => u.Email == "frontline@demo.test").Select(u => u.Id).SingleAsync());
        using var supervisor = await Fixture.SignInAsync("supervisor@demo.test");

        var noReason = await supervisor.SubmitFormAsync("/queue", new Dictionary<string, string> { ["Bulk.References[]"] = $"{a},{b}", ["Bulk.Assignee"] = franId.ToString() }, "form[action*='handler=Assign']");
        Assert.Contains("Give a reason", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var response = await supervisor.SubmitFormAsync("/queue", new Dictionary<string, string>
        {
            ["Bulk.References[]"] = $"{a},{b}",
            ["Bulk.Assignee"] = franId.ToString(),
            ["Bulk.Reason"] = "Fran is on the desk today.",
        }, "form[action*='handler=Assign']");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var entries = await Fixture.QueryAsync(db => db.Timeline.Where(t => t.Kind == TimelineKinds.Assigned).Select(t => new { t.Summary, t.Note, t.ActorName }).ToListAsync());
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e =>
        {
            Assert.Equal("Assigned the case to Fran Frontline", e.Summary);
            Assert.Equal("Fran is on the desk today.", e.Note);
            Assert.Equal("Sam Supervisor", e.ActorName);
        });
    }

    [Fact]
    public async Task Frontline_staff_may_take_unassigned_cases_but_not_hand_cases_to_others()
    {
        var pool = await LogAsync("supervisor@demo.test", assignToMe: false);
        var samId = await Fixture.QueryAsync(db => db.Users.Where(u => u.Email == "supervisor@demo.test").Select(u => u.Id).SingleAsync());
        using var frontline = await Fixture.SignInAsync("frontline@demo.test");

        var refused = await frontline.SubmitFormAsync("/queue", new Dictionary<string, string> { ["Bulk.References[]"] = pool, ["Bulk.Assignee"] = samId.ToString(), ["Bulk.Reason"] = "x" }, "form[action*='handler=Assign']");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await TestBrowser.ReadAsync(refused);
        Assert.Equal($"{pool}: You can take this unassigned case yourself; only a supervisor can assign it to someone else. Nothing was assigned.",
            page.QuerySelector("[data-testid=form-errors]")?.TextContent.Trim());
        Assert.Null(await Fixture.QueryAsync(db => db.Cases.Where(c => c.Reference == pool).Select(c => c.OwnerName).SingleAsync()));

        var taken = await frontline.SubmitFormAsync("/queue", new Dictionary<string, string> { ["Bulk.References[]"] = pool, ["Bulk.Assignee"] = "me", ["Bulk.Reason"] = "I'll take it." }, "form[action*='handler=Assign']");
        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        Assert.Equal("Fran Frontline", await Fixture.QueryAsync(db => db.Cases.Where(c => c.Reference == pool).Select(c => c.OwnerName).SingleAsync()));
    }

    [Fact]
    public async Task The_csv_export_escapes_commas_quotes_and_new_lines()
    {
        await LogAsync("supervisor@demo.test", customer: "Smith, \"Jo\"\nJunior");
        using var supervisor = await Fixture.SignInAsync("supervisor@demo.test");

        var response = await supervisor.GetAsync("/queue?handler=Export");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(",\"Smith, \"\"Jo\"\"\nJunior\",Moderate,Logged,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiting_for_the_customer_pauses_the_sla_and_shows_as_paused()
    {
        var reference = await LogAsync("supervisor@demo.test");
        using var supervisor = await Fixture.SignInAsync("supervisor@demo.test");

        var wait = await supervisor.SubmitFormAsync($"/cases/{reference}/wait", new Dictionary<string, string> { ["Data.Reason"] = "Photos of the bill" });
        Assert.Equal(HttpStatusCode.Redirect, wait.StatusCode);
        Assert.Null(await Fixture.QueryAsync(db => db.Cases.Where(c => c.Reference == reference).Select(c => c.SlaDueAt).SingleAsync()));
        Assert.Equal([reference], References(await supervisor.GetPageAsync("/queue?View.Sla=Paused")));
        var casePage = await supervisor.GetPageAsync($"/cases/{reference}");
        Assert.NotNull(casePage.QuerySelector("[data-testid=case-waiting]"));

        var answered = await supervisor.SubmitFormAsync(casePage, new Dictionary<string, string>(), "form[action*='handler=Answered']", $"/cases/{reference}");
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.NotNull(await Fixture.QueryAsync(db => db.Cases.Where(c => c.Reference == reference).Select(c => c.SlaDueAt).SingleAsync()));
    }
}
