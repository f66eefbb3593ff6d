using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Web.Features.Approvals;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Approvals;

public sealed class ApprovalTests(WebFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task A_gesture_above_the_frontline_limit_waits_for_a_supervisor_and_shows_in_the_queue()
    {
        var reference = await ApprovalDriver.PendingCaseAsync(Fixture, amount: 150m);

        var stage = await Fixture.QueryAsync(db => db.Cases.Where(c => c.Reference == reference).Select(c => c.Stage).SingleAsync());
        Assert.Equal(Stage.AtonementPendingApproval, stage);
        using var supervisor = await Fixture.SignInAsync("supervisor@demo.test");
        var queue = await supervisor.GetPageAsync("/approvals");
        var row = queue.QuerySelector($"[data-reference='{reference}']");
        Assert.NotNull(row);
        Assert.Contains("Refund · 150.00 EUR", row!.TextContent, StringComparison.Ordinal);
        Assert.Contains("above the proposer's limit of 50.00 EUR", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("120.00–240.00 EUR", row.QuerySelector("[data-testid=row-guidance]")?.TextContent);
        Assert.Equal("1 waiting", queue.QuerySelector("[data-testid=pending-count]")?.TextContent);
    }

    [Fact]
    public async Task The_supervisor_approves_a_different_amount_with_a_reason_and_the_proposer_sees_it()
    {
        var reference = await ApprovalDriver.PendingCaseAsync(Fixture, amount: 150m);
        using var supervisor = await Fixture.SignInAsync("supervisor@demo.test");

        var response = await supervisor.SubmitFormAsync($"/cases/{reference}/decide", new Dictionary<string, string>
        {
            ["Data.Decision"] = "ApproveDifferentAmount",
            ["Data.Amount"] = "120",
            ["Data.Reason"] = "One night at the rate paid is fair.",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var atonement = await Fixture.QueryAsync(db => db.Cases.Where(c => c.Reference == reference).SelectMany(c => c.Atonements).SingleAsync());
        Assert.Equal(AtonementStatus.Approved, atonement.Status);
        Assert.Equal(120m, atonement.Amount);
        Assert.Equal(150m, atonement.ProposedAmount);
        Assert.Equal("Sam Supervisor", atonement.DecidedByName);
        var ledger = await Fixture.QueryAsync(db => db.Ledger.Where(l => l.AtonementId == atonement.Id).OrderBy(l => l.At).Select(l => new { l.Kind, l.Amount }).ToListAsync());
        Assert.Equal([(LedgerKind.Proposed, 150m), (LedgerKind.Adjusted, 120m)], ledger.Select(l => (l.Kind, l.Amount)));

        using var frontline = await Fixture.SignInAsync("frontline@demo.test");
        var home = await frontline.GetPageAsync("/");
        var decisions = home.QuerySelector("[data-testid=my-gesture-decisions]")?.TextContent ?? "";
        Assert.Contains("approved at 120.00", decisions, StringComparison.Ordinal);
        Assert.Contains("One night at the rate paid is fair.", decisions, StringComparison.Ordinal);
        var casePage = await frontline.GetPageAsync($"/cases/{reference}");
        Assert.Contains("Approved a lower amount", casePage.QuerySelector("[data-testid=timeline]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Gesture given", casePage.QuerySelector("[data-testid=case-stage]")?.TextContent);
    }

    [Fact]
    public async Task Declining_needs_a_reason_and_sends_the_case_back_for_a_new_proposal()
    {
        var reference = await ApprovalDriver.PendingCaseAsync(Fixture);
        using var supervisor = await Fixture.SignInAsync("supervisor@demo.test");

        var missing = await supervisor.SubmitFormAsync($"/cases/{reference}/decide", new Dictionary<string, string> { ["Data.Decision"] = "Decline" });
        Assert.Equal("Give the reason: the proposer will read it.", (await TestBrowser.ReadAsync(missing)).QuerySelector("#reason-error")?.TextContent);

        var declined = await supervisor.SubmitFormAsync($"/cases/{reference}/decide", new Dictionary<string, string> { ["Data.Decision"] = "Decline", ["Data.Reason"] = "A voucher fits better." });

        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        Assert.Equal(Stage.Fixed, await Fixture.QueryAsync(db => db.Cases.Where(c => c.Reference == reference).Select(c => c.Stage).SingleAsync()));
    }

    [Fact]
    public async Task Nobody_decides_their_own_proposal()
    {
        // The supervisor proposes above their own limit (500): a manager must decide; the supervisor may not.
        var reference = await ApprovalDriver.PendingCaseAsync(Fixture, amount: 600m, asEmail: "supervisor@demo.test");
        using var supervisor = await Fixture.SignInAsync("supervisor@demo.test");

        var page = await supervisor.GetPageAsync($"/cases/{reference}/decide");
        Assert.Contains("four eyes", page.QuerySelector("[data-testid=not-available]")?.TextContent, StringComparison.Ordinal);
        var command = new Decide.Command { Decision = Decide.Choice.Approve };
        await ApprovalDriver.FreshenAsync(Fixture, command, reference);
        var refusal = await Assert.ThrowsAsync<DomainException>(() => Fixture.SendAsync(command, "supervisor@demo.test"));
        Assert.Equal("atonement.own_proposal", refusal.Code);

        await ApprovalDriver.FreshenAsync(Fixture, command, reference);
        Assert.False((await Fixture.SendAsync(command, "manager@demo.test")).WasAlreadyRecorded);
    }

    [Fact]
    public async Task An_approver_cannot_approve_above_their_own_limit()
    {
        var reference = await ApprovalDriver.PendingCaseAsync(Fixture, amount: 800m);
        var command = new Decide.Command { Decision = Decide.Choice.Approve };
        await ApprovalDriver.FreshenAsync(Fixture, command, reference);

        var refusal = await Assert.ThrowsAsync<DomainException>(() => Fixture.SendAsync(command, "supervisor@demo.test"));

        Assert.Equal("atonement.above_approver_limit", refusal.Code);
        Assert.Equal(Stage.AtonementPendingApproval, await Fixture.QueryAsync(db => db.Cases.Where(c => c.Reference == reference).Select(c => c.Stage).SingleAsync()));
    }

    [Theory]
    [InlineData("/approvals")]
    [InlineData("/compensation")]
    public async Task Frontline_staff_get_403_on_approvals_and_compensation(string url)
    {
        using var frontline = await Fixture.SignInAsync("frontline@demo.test");

        Assert.Equal(HttpStatusCode.Forbidden, (await frontline.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Frontline_staff_get_403_on_the_decide_page()
    {
        var reference = await ApprovalDriver.PendingCaseAsync(Fixture);
        using var frontline = await Fixture.SignInAsync("frontline@demo.test");

        Assert.Equal(HttpStatusCode.Forbidden, (await frontline.GetAsync($"/cases/{reference}/decide")).StatusCode);
    }

    [Fact]
    public async Task Fifty_concurrent_decisions_on_one_request_record_exactly_one()
    {
        var reference = await ApprovalDriver.PendingCaseAsync(Fixture, amount: 150m);
        using var supervisor = await Fixture.SignInAsync("supervisor@demo.test");
        using var manager = await Fixture.SignInAsync("manager@demo.test");
        var url = $"/cases/{reference}/decide";
        var forms = new[] { (supervisor, await supervisor.GetPageAsync(url)), (manager, await manager.GetPageAsync(url)) };

        var posts = Enumerable.Range(0, 50).Select(i =>
        {
            var (browser, form) = forms[i % 2];
            var fields = new Dictionary<string, string>
            {
                // Fifty separate form loads: each its own request id, so none counts as a double submit.
                ["Data.RequestId"] = Guid.NewGuid().ToString(),
                ["Data.Decision"] = i % 3 == 0 ? "Decline" : "Approve",
                ["Data.Reason"] = $"Decision {i}",
            };
            return browser.SubmitFormAsync(form, fields, "main form", url);
        }).ToList();
        var responses = await Task.WhenAll(posts);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        var losers = responses.Where(r => r.StatusCode != HttpStatusCode.Redirect).ToList();
        Assert.Equal(49, losers.Count);
        Assert.All(losers, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var loserPage = await TestBrowser.ReadAsync(losers[0]);
        var changed = loserPage.QuerySelector("[data-testid=case-changed]")?.TextContent ?? "";
        Assert.Matches("(Approved the gesture|Declined the gesture)", changed);
        Assert.Matches("(Sam Supervisor|Maya Manager)", changed);

        var decisions = await Fixture.QueryAsync(db => db.Timeline.CountAsync(t => t.Kind == "case.atonement_approved" || t.Kind == "case.atonement_declined"));
        Assert.Equal(1, decisions);
        var ledgerDecisions = await Fixture.QueryAsync(db => db.Ledger.CountAsync(l => l.Kind != LedgerKind.Proposed));
        Assert.Equal(1, ledgerDecisions);
        var status = await Fixture.QueryAsync(db => db.Cases.Where(c => c.Reference == reference).SelectMany(c => c.Atonements).Select(a => a.Status).SingleAsync());
        Assert.NotEqual(AtonementStatus.PendingApproval, status);
    }

    [Fact]
    public async Task A_customer_with_three_compensated_gestures_in_90_days_is_flagged_and_any_gesture_needs_a_supervisor()
    {
        // Three compensated cases for the same customer (within a supervisor's limit, so granted at once).
        var customerName = "Rex Repeat";
        Guid? customerId = null;
        for (var i = 0; i < 3; i++)
        {
            var reference = await ApprovalDriver.FixedCaseAsync(Fixture, customer: customerName, customerId: customerId);
            customerId ??= await Fixture.QueryAsync(db => db.Cases.Where(c => c.Reference == reference).Select(c => c.CustomerId).SingleAsync());
            await ApprovalDriver.StepAsync(Fixture, new Atone.Command { Gesture = GestureType.Voucher, Amount = 20m }, reference, "supervisor@demo.test");
        }

        var fourth = await Fixture.SendAsync(new New.Command
        {
            CustomerId = customerId, Channel = Channel.Email, Category = "Noise", Severity = Severity.Minor,
            WhatHappened = "Noise again.", AssignToMe = true, RequestId = Guid.NewGuid(),
        }, "frontline@demo.test");
        await ApprovalDriver.StepAsync(Fixture, new Apologize.Command { Words = "Sorry." }, fourth, "frontline@demo.test");
        await ApprovalDriver.StepAsync(Fixture, new Listen.Command { CustomerFeels = "Annoyed." }, fourth, "frontline@demo.test");
        await ApprovalDriver.StepAsync(Fixture, new Fix.Command { WhatWasDone = "Moved room." }, fourth, "frontline@demo.test");

        await ApprovalDriver.StepAsync(Fixture, new Atone.Command { Gesture = GestureType.Voucher, Amount = 5m }, fourth, "frontline@demo.test");

        var atonement = await Fixture.QueryAsync(db => db.Cases.Where(c => c.Reference == fourth).SelectMany(c => c.Atonements).SingleAsync());
        Assert.Equal(AtonementStatus.PendingApproval, atonement.Status);
        Assert.StartsWith("the customer is flagged: 3 compensated gesture(s) worth 60.00 EUR in the last 90 days", atonement.NeedsApprovalBecause, StringComparison.Ordinal);
        using var supervisor = await Fixture.SignInAsync("supervisor@demo.test");
        Assert.NotNull((await supervisor.GetPageAsync($"/cases/new?customerId={customerId}")).QuerySelector("[data-testid=intake-flag]"));
        Assert.NotNull((await supervisor.GetPageAsync($"/cases/{fourth}")).QuerySelector("[data-testid=case-flag]"));
        Assert.NotNull((await supervisor.GetPageAsync("/approvals")).QuerySelector("[data-testid=row-flag]"));

        // A supervisor clears the flag with a reason: recorded, and the count starts again.
        var cleared = await supervisor.SubmitFormAsync($"/customers/{customerId}", new Dictionary<string, string> { ["Clear.Reason"] = "Long-standing guest; genuine bad luck." }, "form[action*='handler=ClearFlag']");
        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        var customerPage = await supervisor.GetPageAsync($"/customers/{customerId}");
        Assert.Null(customerPage.QuerySelector("[data-testid=customer-flag]"));
        Assert.Contains("genuine bad luck", customerPage.QuerySelector("[data-testid=flag-cleared]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("customer.flag_cleared", await Fixture.QueryAsync(db => db.AuditEntries.Where(a => a.Subject == customerName).Select(a => a.Action).SingleAsync()));
    }

    [Fact]
    public async Task Compensation_totals_and_the_csv_export_for_finance()
    {
        var reference = await ApprovalDriver.PendingCaseAsync(Fixture, amount: 150m);
        var decide = new Decide.Command { Decision = Decide.Choice.ApproveDifferentAmount, Amount = 99.5m, Reason = "Fair, with \"quotes\", commas\nand a new line" };
        await ApprovalDriver.StepAsync(Fixture, decide, reference, "supervisor@demo.test");
        using var manager = await Fixture.SignInAsync("manager@demo.test");

        var page = await manager.GetPageAsync("/compensation");
        Assert.Equal("99.50", page.QuerySelector("[data-testid=granted]")?.TextContent);
        Assert.Contains("Fran Frontline", page.QuerySelector("[data-testid=per-staff]")?.TextContent, StringComparison.Ordinal);

        var csv = await (await manager.GetAsync("/compensation?handler=Export")).Content.ReadAsStringAsync();
        var lines = csv.Split("\r\n".ToCharArray(), StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("date,case,customer,kind,gesture,amount,currency,staff,recorded_by", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Matches($"^\\d{{4}}-\\d{{2}}-\\d{{2}}T\\d{{2}}:\\d{{2}}:\\d{{2}}Z,{reference},Nadia Haddad,Proposed,Refund,150.00,EUR,Fran Frontline,Fran Frontline$", lines[1]);
        Assert.EndsWith(",Adjusted,Refund,99.50,EUR,Fran Frontline,Sam Supervisor", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_fields_are_escaped()
    {
        Assert.Equal("plain", Web.Infrastructure.Web.Csv.Field("plain"));
        Assert.Equal("\"a,b\"", Web.Infrastructure.Web.Csv.Field("a,b"));
        Assert.Equal("\"say \"\"hi\"\"\"", Web.Infrastructure.Web.Csv.Field("say \"hi\""));
        Assert.Equal("\"two\nlines\"", Web.Infrastructure.Web.Csv.Field("two\nlines"));
        Assert.Equal("'=HYPERLINK(1)", Web.Infrastructure.Web.Csv.Field("=HYPERLINK(1)"));
        Assert.Equal("-12.50", Web.Infrastructure.Web.Csv.Field("-12.50"));
    }
}
