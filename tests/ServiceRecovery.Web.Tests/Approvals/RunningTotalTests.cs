using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Web.Features.Approvals;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Tests.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Approvals;

/// <summary>
/// The approval control tried as someone would who wants to get around it (ADR 0009): split over a reopen, over two
/// cases of one customer, raced on two cases at once, raised by the approver; through the real pages and pipeline.
/// </summary>
public sealed class RunningTotalTests(WebFixture fixture) : WebTest(fixture)
{
    private const string Frontline = CaseDriver.Frontline;
    private const string Supervisor = CaseDriver.Supervisor;
    private const string Manager = CaseDriver.Manager;

    private Task<Guid> CustomerOfAsync(string reference) =>
        Fixture.QueryAsync(db => db.Cases.Where(c => c.Reference == reference).Select(c => c.CustomerId).SingleAsync());

    private Task<List<Atonement>> GesturesAsync(string reference) =>
        Fixture.QueryAsync(db => db.Cases.Where(c => c.Reference == reference).SelectMany(c => c.Atonements).OrderBy(a => a.Number).ToListAsync());

    private static Dictionary<string, string> Gesture(decimal amount) => new()
    {
        ["Data.Gesture"] = "Voucher",
        ["Data.Amount"] = amount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Data.Description"] = "Dinner for two.",
    };

    [Fact]
    public async Task Giving_the_limit_again_after_a_reopen_waits_for_a_supervisor()
    {
        var driver = new CaseDriver(Fixture);
        var reference = await ApprovalDriver.FixedCaseAsync(Fixture);
        using var fran = await Fixture.SignInAsync(Frontline);

        Assert.Equal(HttpStatusCode.Redirect, (await fran.SubmitFormAsync($"/cases/{reference}/atone", Gesture(50m))).StatusCode);
        await driver.SendStepAsync(reference, driver.StepInto(Stage.FollowUpDue));
        await driver.SendStepAsync(reference, new Features.Cases.FollowUpOutcome.Command { Outcome = Domain.Cases.FollowUpOutcome.NotSatisfied, Note = "Still cold." });
        await driver.SendStepAsync(reference, new Fix.Command { WhatWasDone = "Second heater." });
        var form = await fran.GetPageAsync($"/cases/{reference}/atone");
        Assert.Equal("0.00 EUR", form.QuerySelector("[data-testid=headroom]")?.TextContent);
        Assert.Contains("50.00 EUR on this case", form.QuerySelector("[data-testid=running-totals]")?.TextContent, StringComparison.Ordinal);
        var second = await fran.SubmitFormAsync($"/cases/{reference}/atone", Gesture(50m));

        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var gestures = await GesturesAsync(reference);
        Assert.Equal([AtonementStatus.Approved, AtonementStatus.PendingApproval], gestures.Select(g => g.Status));
        Assert.Equal(
            "with 50.00 EUR already granted on this case, the total of 100.00 EUR is above the proposer's limit of 50.00 EUR",
            gestures[1].NeedsApprovalBecause);
        var flash = (await fran.GetPageAsync($"/cases/{reference}")).QuerySelector("[data-testid=flash]")?.TextContent;
        Assert.Contains("Sent to a supervisor for approval (with 50.00 EUR already granted on this case", flash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_a_customer_got_on_another_case_counts_against_the_limit()
    {
        var first = await ApprovalDriver.FixedCaseAsync(Fixture, customer: "Sid Split");
        var customerId = await CustomerOfAsync(first);
        var second = await ApprovalDriver.FixedCaseAsync(Fixture, customerId: customerId);
        using var fran = await Fixture.SignInAsync(Frontline);

        await fran.SubmitFormAsync($"/cases/{first}/atone", Gesture(40m));
        await fran.SubmitFormAsync($"/cases/{second}/atone", Gesture(20m));

        Assert.Equal(AtonementStatus.Approved, (await GesturesAsync(first)).Single().Status);
        var waiting = (await GesturesAsync(second)).Single();
        Assert.Equal(AtonementStatus.PendingApproval, waiting.Status);
        Assert.Equal(
            "with 40.00 EUR granted to this customer in the last 90 days, the total of 60.00 EUR is above the proposer's limit of 50.00 EUR",
            waiting.NeedsApprovalBecause);
    }

    [Fact]
    public async Task Concurrent_gestures_on_two_cases_of_one_customer_cannot_both_slip_under_the_limit()
    {
        // Each pair: 30 + 30 on two cases of one customer, posted at the same moment from two browsers. Without the
        // customer lock both read "nothing granted yet" and both are granted (60 > 50).
        using var left = await Fixture.SignInAsync(Frontline);
        using var right = await Fixture.SignInAsync(Frontline);
        for (var pair = 0; pair < 8; pair++)
        {
            var a = await ApprovalDriver.FixedCaseAsync(Fixture, customer: $"Rita Race {pair}");
            var b = await ApprovalDriver.FixedCaseAsync(Fixture, customerId: await CustomerOfAsync(a));
            var formA = await left.GetPageAsync($"/cases/{a}/atone");
            var formB = await right.GetPageAsync($"/cases/{b}/atone");

            var responses = await Task.WhenAll(
                left.SubmitFormAsync(formA, Gesture(30m), "main form", $"/cases/{a}/atone"),
                right.SubmitFormAsync(formB, Gesture(30m), "main form", $"/cases/{b}/atone"));

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
            var statuses = new[] { (await GesturesAsync(a)).Single().Status, (await GesturesAsync(b)).Single().Status };
            Assert.Equal([AtonementStatus.Approved, AtonementStatus.PendingApproval], statuses.Order());
        }
    }

    [Fact]
    public async Task Approving_more_than_proposed_is_refused_on_the_decide_page_and_nothing_is_saved()
    {
        var reference = await ApprovalDriver.PendingCaseAsync(Fixture, amount: 150m);
        var before = await new CaseDriver(Fixture).SnapshotAsync(reference);
        using var sam = await Fixture.SignInAsync(Supervisor);

        var response = await sam.SubmitFormAsync($"/cases/{reference}/decide", new Dictionary<string, string>
        {
            ["Data.Decision"] = "ApproveDifferentAmount",
            ["Data.Amount"] = "400",
            ["Data.Reason"] = "They deserve more.",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ReadAsync(response);
        Assert.Contains("You can approve 150.00 EUR or less. To give more, propose a higher amount", page.QuerySelector("[data-testid=form-errors]")?.TextContent ?? page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await new CaseDriver(Fixture).SnapshotAsync(reference));
        Assert.Equal(0, await Fixture.QueryAsync(db => db.Ledger.CountAsync(l => l.Kind == LedgerKind.Approved || l.Kind == LedgerKind.Adjusted)));
    }

    [Fact]
    public async Task A_higher_amount_proposed_by_the_approver_is_decided_by_someone_else()
    {
        var reference = await ApprovalDriver.PendingCaseAsync(Fixture, amount: 150m);
        using var sam = await Fixture.SignInAsync(Supervisor);

        var raised = await sam.SubmitFormAsync($"/cases/{reference}/decide", new Dictionary<string, string>
        {
            ["Data.Decision"] = "ProposeHigherAmount",
            ["Data.Amount"] = "300",
            ["Data.Reason"] = "A family of four lost a night.",
        });

        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);
        var gestures = await GesturesAsync(reference);
        Assert.Equal([AtonementStatus.Replaced, AtonementStatus.PendingApproval], gestures.Select(g => g.Status));
        Assert.Equal("Sam Supervisor", gestures[1].ProposedByName);
        Assert.Equal(300m, gestures[1].Amount);
        Assert.Null(gestures[0].GuidanceNote); // 150 was within the suggested 120–240
        Assert.Contains("over-compensation", gestures[1].GuidanceNote, StringComparison.Ordinal); // the guidance of the new amount

        // Sam cannot approve his own higher amount, on the page or by posting the form anyway.
        var samPage = await sam.GetPageAsync($"/cases/{reference}/decide");
        Assert.Contains("You proposed this gesture", samPage.Body!.TextContent, StringComparison.Ordinal);
        var command = new Decide.Command { Decision = Decide.Choice.Approve };
        await ApprovalDriver.FreshenAsync(Fixture, command, reference);
        Assert.Equal("atonement.own_proposal", (await Assert.ThrowsAsync<DomainException>(() => Fixture.SendAsync(command, Supervisor))).Code);

        // The approvals queue shows it as a new proposal by Sam; a manager approves it.
        using var maya = await Fixture.SignInAsync(Manager);
        var row = (await maya.GetPageAsync("/approvals")).QuerySelector($"[data-reference='{reference}']")?.TextContent ?? "";
        Assert.Contains("Refund · 300.00 EUR", row, StringComparison.Ordinal);
        Assert.Contains("Sam Supervisor proposed more than Fran Frontline", row, StringComparison.Ordinal);
        var approved = await maya.SubmitFormAsync($"/cases/{reference}/decide", new Dictionary<string, string> { ["Data.Decision"] = "Approve" });
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var ledger = await Fixture.QueryAsync(db => db.Ledger.Select(l => new { l.Kind, l.Amount }).ToListAsync());
        Assert.Equal(
            [(LedgerKind.Proposed, 150m), (LedgerKind.Declined, 150m), (LedgerKind.Proposed, 300m), (LedgerKind.Approved, 300m)],
            ledger.OrderBy(l => l.Amount).ThenBy(l => l.Kind).Select(l => (l.Kind, l.Amount)));
    }

    [Fact]
    public async Task A_supervisor_cannot_approve_what_would_take_the_customer_past_their_limit()
    {
        // 400 already granted to the customer on another case (by a manager), then 150 proposed on a second case.
        var first = await ApprovalDriver.PendingCaseAsync(Fixture, amount: 400m);
        await ApprovalDriver.StepAsync(Fixture, new Decide.Command { Decision = Decide.Choice.Approve }, first, Manager);
        var second = await ApprovalDriver.FixedCaseAsync(Fixture, customerId: await CustomerOfAsync(first));
        await ApprovalDriver.StepAsync(Fixture, new Atone.Command { Gesture = GestureType.Refund, Amount = 150m, Description = "A night." }, second, Frontline);
        using var sam = await Fixture.SignInAsync(Supervisor);

        var response = await sam.SubmitFormAsync($"/cases/{second}/decide", new Dictionary<string, string> { ["Data.Decision"] = "Approve" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = (await TestBrowser.ReadAsync(response)).Body!.TextContent;
        Assert.Contains("with 400.00 EUR granted to this customer in the last 90 days, the total of 550.00 EUR is above your approval limit of 500.00 EUR", text, StringComparison.Ordinal);
        Assert.Equal(Stage.AtonementPendingApproval, await Fixture.QueryAsync(db => db.Cases.Where(c => c.Reference == second).Select(c => c.Stage).SingleAsync()));
        // 100 more is within Sam's 500 with the 400 already granted.
        var lower = await sam.SubmitFormAsync($"/cases/{second}/decide", new Dictionary<string, string>
        {
            ["Data.Decision"] = "ApproveDifferentAmount",
            ["Data.Amount"] = "100",
            ["Data.Reason"] = "Within what I may grant this guest.",
        });
        Assert.Equal(HttpStatusCode.Redirect, lower.StatusCode);
    }
}
