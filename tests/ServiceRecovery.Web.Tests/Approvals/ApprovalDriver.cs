using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Approvals;

/// <summary>Walks a case through the real commands (as the given user) up to a proposed gesture.</summary>
public static class ApprovalDriver
{
    public static async Task<string> FixedCaseAsync(WebFixture fixture, string asEmail = "frontline@demo.test", decimal? transactionValue = 200m, string customer = "Nadia Haddad", Guid? customerId = null)
    {
        var reference = await fixture.SendAsync(new New.Command
        {
            CustomerId = customerId,
            CustomerName = customerId is null ? customer : null,
            CustomerEmail = customerId is null ? $"{Guid.NewGuid():N}@example.com" : null,
            Channel = Channel.Phone,
            Category = "Room and facilities",
            Severity = Severity.Major,
            WhatHappened = "The heating failed overnight.",
            TransactionValue = transactionValue,
            AssignToMe = true,
            RequestId = Guid.NewGuid(),
        }, asEmail);
        await StepAsync(fixture, new Apologize.Command { Words = "I'm so sorry." }, reference, asEmail);
        await StepAsync(fixture, new Listen.Command { CustomerFeels = "Cold and upset." }, reference, asEmail);
        await StepAsync(fixture, new Fix.Command { WhatWasDone = "Heater replaced." }, reference, asEmail);
        return reference;
    }

    public static async Task<string> PendingCaseAsync(WebFixture fixture, decimal amount = 150m, string asEmail = "frontline@demo.test")
    {
        var reference = await FixedCaseAsync(fixture, asEmail);
        await StepAsync(fixture, new Atone.Command { Gesture = GestureType.Refund, Amount = amount, Description = "A night back." }, reference, asEmail);
        return reference;
    }

    public static async Task<StepOutcome> StepAsync<T>(WebFixture fixture, T command, string reference, string asEmail)
        where T : CaseStepCommand
    {
        await FreshenAsync(fixture, command, reference);
        return await fixture.SendAsync(command, asEmail);
    }

    /// <summary>Fills in what a freshly loaded form would carry: reference, version, timeline position, a new request id.</summary>
    public static async Task FreshenAsync(WebFixture fixture, CaseStepCommand command, string reference)
    {
        var state = await fixture.QueryAsync(db => db.Cases.Where(c => c.Reference == reference)
            .Select(c => new { Version = EF.Property<uint>(c, "Version"), c.LastTimelineSequence }).SingleAsync());
        if (command is Fix.Command { RootCauseId: null } fix)
        {
            // The fix step requires the root cause.
            fix.RootCauseId = await fixture.QueryAsync(db => db.RootCauses.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        }

        command.Reference = reference;
        command.Version = state.Version;
        command.SeenSequence = state.LastTimelineSequence;
        command.RequestId = Guid.NewGuid();
    }
}
