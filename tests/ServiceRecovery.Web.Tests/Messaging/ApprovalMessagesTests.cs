using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Web.Infrastructure.Messaging;
using ServiceRecovery.Web.Tests.Approvals;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Messaging;

/// <summary>
/// A gesture waiting for approval tells every approver but its proposer; a decision tells the proposer; a refused
/// decision tells nobody (the message is written in the decision's own transaction).
/// </summary>
public sealed class ApprovalMessagesTests(WebFixture fixture) : WebTest(fixture)
{
    private Task<List<OutboxMessage>> MessagesAsync(string kind) =>
        Fixture.QueryAsync(db => db.OutboxMessages.Where(m => m.Kind == kind).OrderBy(m => m.ToAddress).ToListAsync());

    [Fact]
    public async Task A_gesture_above_the_limit_tells_each_approver_with_a_link_to_decide_it_and_not_the_proposer()
    {
        var reference = await ApprovalDriver.PendingCaseAsync(Fixture, amount: 150m);

        var messages = await MessagesAsync(MessageKinds.GestureAwaitingApproval);

        Assert.Equal(["manager@demo.test", "supervisor@demo.test"], messages.Select(m => m.ToAddress));
        var toSupervisor = messages.Single(m => m.ToAddress == "supervisor@demo.test");
        Assert.Equal($"Gesture waiting for your approval: {reference}, 150.00 EUR", toSupervisor.Subject);
        Assert.Contains($"http://127.0.0.1:5080/cases/{reference}/decide", toSupervisor.TextBody, StringComparison.Ordinal);
        Assert.Contains("Fran Frontline proposed a gesture of 150.00 EUR", toSupervisor.TextBody, StringComparison.Ordinal);
        Assert.All(messages, m => Assert.Equal(OutboxStatus.Pending, m.Status));
    }

    [Fact]
    public async Task A_supervisors_own_proposal_goes_to_the_manager_only()
    {
        await ApprovalDriver.PendingCaseAsync(Fixture, amount: 600m, asEmail: "supervisor@demo.test");

        Assert.Equal(["manager@demo.test"], (await MessagesAsync(MessageKinds.GestureAwaitingApproval)).Select(m => m.ToAddress));
    }

    [Fact]
    public async Task Approving_a_lower_amount_tells_the_proposer_what_was_approved_and_why()
    {
        var reference = await ApprovalDriver.PendingCaseAsync(Fixture, amount: 150m);
        using var supervisor = await Fixture.SignInAsync("supervisor@demo.test");

        var response = await supervisor.SubmitFormAsync($"/cases/{reference}/decide", new Dictionary<string, string>
        {
            ["Data.Decision"] = "ApproveDifferentAmount",
            ["Data.Amount"] = "120",
            ["Data.Reason"] = "One night <b>at the rate</b> paid is fair.",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var message = Assert.Single(await MessagesAsync(MessageKinds.GestureDecided));
        Assert.Equal("frontline@demo.test", message.ToAddress);
        Assert.Equal($"Gesture approved: {reference}", message.Subject);
        Assert.Contains("Sam Supervisor approved a lower amount for your gesture", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("120.00 EUR instead of 150.00 EUR", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Reason: One night <b>at the rate</b> paid is fair.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("One night &lt;b&gt;at the rate&lt;/b&gt; paid is fair.", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declining_tells_the_proposer_and_a_refused_decision_tells_nobody()
    {
        var reference = await ApprovalDriver.PendingCaseAsync(Fixture);
        using var supervisor = await Fixture.SignInAsync("supervisor@demo.test");

        // No reason: refused, so nothing is written, the message included.
        await supervisor.SubmitFormAsync($"/cases/{reference}/decide", new Dictionary<string, string> { ["Data.Decision"] = "Decline" });
        Assert.Empty(await MessagesAsync(MessageKinds.GestureDecided));

        await supervisor.SubmitFormAsync($"/cases/{reference}/decide", new Dictionary<string, string> { ["Data.Decision"] = "Decline", ["Data.Reason"] = "A voucher fits better." });

        var message = Assert.Single(await MessagesAsync(MessageKinds.GestureDecided));
        Assert.Equal($"Gesture declined: {reference}", message.Subject);
        Assert.Contains("Sam Supervisor declined your gesture of 150.00 EUR", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Reason: A voucher fits better.", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_message_kind_has_a_template_in_every_customer_language()
    {
        var missing = MessageKinds.All
            .SelectMany(kind => Domain.Customers.CustomerLanguages.All.Select(language => (kind, language)))
            .Where(t => !MessageTemplates.Exists(t.kind, t.language))
            .Select(t => $"{t.kind}.{t.language}.liquid")
            .ToList();

        Assert.Empty(missing);
    }
}
