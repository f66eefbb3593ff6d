using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Compensation;

namespace ServiceRecovery.Domain.Tests;

/// <summary>
/// The empowerment limit holds against the sum, however the gestures are split (ADR 0009): over the case's
/// rounds, over the customer's cases, and for approvers too; an approver may lower an amount, never raise it.
/// </summary>
public class RunningTotalTests
{
    /// <summary>Gives a gesture (approved by Sue if it had to wait), then follows up, hears "not satisfied" and fixes again.</summary>
    private static void GiveAndReopen(RecoveryCase recoveryCase, decimal amount)
    {
        recoveryCase.RecordAtonement(GestureType.Refund, amount, "EUR", "Part of the night", Power.Of(50m), Clock.As(People.Ana));
        if (recoveryCase.Stage == Stage.AtonementPendingApproval)
        {
            recoveryCase.ApproveAtonement(Power.Of(5000m), null, null, Clock.As(People.Max));
        }

        recoveryCase.ScheduleFollowUp(Clock.Today, Clock.As(People.Ana));
        recoveryCase.RecordFollowUpOutcome(FollowUpOutcome.NotSatisfied, "Still cold", Clock.As(People.Ana));
        CaseBuilder.Perform(recoveryCase, CaseAction.Fix, Clock.As(People.Ana));
    }

    [Fact]
    public void A_second_gesture_after_a_reopen_counts_with_the_first_and_waits_for_a_supervisor()
    {
        var recoveryCase = CaseBuilder.At(Stage.Fixed);
        GiveAndReopen(recoveryCase, 50m); // within the limit: granted at once

        recoveryCase.RecordAtonement(GestureType.Refund, 50m, "EUR", "The other half", Power.Of(50m), Clock.As(People.Ana));

        Assert.Equal(Stage.AtonementPendingApproval, recoveryCase.Stage);
        Assert.Equal(
            "with 50.00 EUR already granted on this case, the total of 100.00 EUR is above the proposer's limit of 50.00 EUR",
            recoveryCase.PendingAtonement!.NeedsApprovalBecause);
        Assert.Equal(50m, recoveryCase.GrantedTotal);
    }

    [Fact]
    public void Five_gestures_of_50_on_one_case_grant_50_without_a_supervisor_and_no_more()
    {
        var recoveryCase = CaseBuilder.At(Stage.Fixed);
        for (var round = 0; round < 4; round++)
        {
            GiveAndReopen(recoveryCase, 50m);
        }

        recoveryCase.RecordAtonement(GestureType.Refund, 50m, "EUR", "Fifth", Power.Of(50m), Clock.As(People.Ana));

        var grantedByProposer = recoveryCase.Atonements.Where(a => a.Status == AtonementStatus.Approved && a.DecidedById == People.Ana.UserId);
        Assert.Equal(50m, grantedByProposer.Sum(a => a.Amount));
        Assert.Equal(Stage.AtonementPendingApproval, recoveryCase.Stage);
        Assert.Equal(200m, recoveryCase.GrantedTotal); // four granted, three of them by a manager
    }

    [Fact]
    public void Small_gestures_that_add_up_to_the_limit_are_fine_and_one_cent_more_waits()
    {
        var recoveryCase = CaseBuilder.At(Stage.Fixed); // CaseBuilder's round gives nothing yet
        GiveAndReopen(recoveryCase, 30m);

        recoveryCase.RecordAtonement(GestureType.Voucher, 20m, "EUR", "Drinks", Power.Of(50m), Clock.As(People.Ana));
        Assert.Equal(Stage.Atoned, recoveryCase.Stage);

        recoveryCase.ScheduleFollowUp(Clock.Today, Clock.As(People.Ana));
        recoveryCase.RecordFollowUpOutcome(FollowUpOutcome.NotSatisfied, "Still cold", Clock.As(People.Ana));
        CaseBuilder.Perform(recoveryCase, CaseAction.Fix, Clock.As(People.Ana));
        recoveryCase.RecordAtonement(GestureType.Voucher, 0.01m, "EUR", "A cent", Power.Of(50m), Clock.As(People.Ana));
        Assert.Equal(Stage.AtonementPendingApproval, recoveryCase.Stage);
    }

    [Fact]
    public void What_the_customer_was_granted_on_other_cases_counts_against_the_limit()
    {
        var secondCase = CaseBuilder.At(Stage.Fixed);
        var earlier = new CustomerCompensation(GrantedInWindow: 40m, FlagGestures: 1, FlagAmount: 40m);

        secondCase.RecordAtonement(GestureType.Voucher, 20m, "EUR", "Dinner", Power.Of(50m, earlier), Clock.As(People.Ana));

        Assert.Equal(Stage.AtonementPendingApproval, secondCase.Stage);
        Assert.Equal(
            "with 40.00 EUR granted to this customer in the last 90 days, the total of 60.00 EUR is above the proposer's limit of 50.00 EUR",
            secondCase.PendingAtonement!.NeedsApprovalBecause);

        var thirdCase = CaseBuilder.At(Stage.Fixed);
        thirdCase.RecordAtonement(GestureType.Voucher, 10m, "EUR", "Dinner", Power.Of(50m, earlier), Clock.As(People.Ana));
        Assert.Equal(Stage.Atoned, thirdCase.Stage); // 40 + 10 is within 50
    }

    [Fact]
    public void An_approver_may_lower_an_amount_but_never_raise_it()
    {
        var recoveryCase = CaseBuilder.At(Stage.AtonementPendingApproval); // 200 proposed by Ana

        var refusal = Assert.Throws<DomainException>(
            () => recoveryCase.ApproveAtonement(Power.Of(500m), 250m, "They deserve more", Clock.As(People.Sue)));

        Assert.Equal("atonement.raise_is_a_new_proposal", refusal.Code);
        Assert.Equal(Stage.AtonementPendingApproval, recoveryCase.Stage);
        Assert.Equal(200m, recoveryCase.PendingAtonement!.Amount);
        Assert.DoesNotContain(recoveryCase.Ledger, l => l.Kind is LedgerKind.Approved or LedgerKind.Adjusted);

        recoveryCase.ApproveAtonement(Power.Of(500m), 150m, "One night is fair", Clock.As(People.Sue));
        Assert.Equal(150m, recoveryCase.GrantedTotal);
    }

    [Fact]
    public void A_higher_amount_replaces_the_proposal_and_someone_other_than_the_raiser_decides_it()
    {
        var recoveryCase = CaseBuilder.At(Stage.AtonementPendingApproval); // 200 proposed by Ana
        var first = recoveryCase.PendingAtonement!;

        recoveryCase.ProposeHigherAmount(300m, "A family of four lost a night", 500m, Clock.As(People.Sue));

        Assert.Equal(AtonementStatus.Replaced, first.Status);
        var raised = recoveryCase.PendingAtonement!;
        Assert.NotSame(first, raised);
        Assert.Equal(300m, raised.Amount);
        Assert.Equal(People.Sue.UserId, raised.ProposedById);
        Assert.Equal(Stage.AtonementPendingApproval, recoveryCase.Stage);
        Assert.Equal(TimelineKinds.AtonementRaised, recoveryCase.Timeline[^1].Kind);
        Assert.Equal(
            [LedgerKind.Proposed, LedgerKind.Declined, LedgerKind.Proposed],
            recoveryCase.Ledger.Select(l => l.Kind));

        // The raiser cannot approve it, even within their own limit...
        Assert.Equal("atonement.own_proposal",
            Assert.Throws<DomainException>(() => recoveryCase.ApproveAtonement(Power.Of(500m), null, null, Clock.As(People.Sue))).Code);
        Assert.DoesNotContain(CaseAction.ApproveAtonement, recoveryCase.AllowedActionsFor(People.Sue));

        // ... someone else does.
        recoveryCase.ApproveAtonement(Power.Of(5000m), null, null, Clock.As(People.Max));
        Assert.Equal(Stage.Atoned, recoveryCase.Stage);
        Assert.Equal(300m, recoveryCase.GrantedTotal);
    }

    [Fact]
    public void A_higher_amount_must_be_higher_and_give_a_reason_and_frontline_cannot_propose_one()
    {
        var recoveryCase = CaseBuilder.At(Stage.AtonementPendingApproval);

        Assert.Equal("atonement.not_higher",
            Assert.Throws<DomainException>(() => recoveryCase.ProposeHigherAmount(200m, "Same", 500m, Clock.As(People.Sue))).Code);
        Assert.Throws<DomainException>(() => recoveryCase.ProposeHigherAmount(250m, " ", 500m, Clock.As(People.Sue)));
        Assert.Throws<CaseAccessDeniedException>(() => recoveryCase.ProposeHigherAmount(250m, "More", 50m, Clock.As(People.Ana)));
        Assert.Equal(200m, recoveryCase.PendingAtonement!.Amount);
        Assert.Equal(Stage.AtonementPendingApproval, recoveryCase.Stage);
    }

    [Fact]
    public void An_approvers_limit_holds_against_the_cases_running_total()
    {
        var recoveryCase = CaseBuilder.At(Stage.Fixed);
        GiveAndReopen(recoveryCase, 400m); // approved by a manager
        recoveryCase.RecordAtonement(GestureType.Refund, 200m, "EUR", "Another night", Power.Of(50m), Clock.As(People.Ana));

        var refusal = Assert.Throws<DomainException>(() => recoveryCase.ApproveAtonement(Power.Of(500m), null, null, Clock.As(People.Sue)));

        Assert.Equal("atonement.above_approver_limit", refusal.Code);
        Assert.Contains("with 400.00 EUR already granted on this case, the total of 600.00 EUR is above your approval limit of 500.00 EUR", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("a manager must decide", refusal.Message, StringComparison.Ordinal);
        recoveryCase.ApproveAtonement(Power.Of(5000m), null, null, Clock.As(People.Max));
        Assert.Equal(600m, recoveryCase.GrantedTotal);
    }

    [Fact]
    public void An_approvers_limit_holds_against_the_customers_running_total()
    {
        var recoveryCase = CaseBuilder.At(Stage.AtonementPendingApproval); // 200 proposed
        var customer = new CustomerCompensation(GrantedInWindow: 350m, FlagGestures: 2, FlagAmount: 350m);

        var refusal = Assert.Throws<DomainException>(
            () => recoveryCase.ApproveAtonement(Power.Of(500m, customer), null, null, Clock.As(People.Sue)));

        Assert.Contains("with 350.00 EUR granted to this customer in the last 90 days", refusal.Message, StringComparison.Ordinal);
        recoveryCase.ApproveAtonement(Power.Of(500m, customer), 150m, "Within what I may grant", Clock.As(People.Sue));
        Assert.Equal(Stage.Atoned, recoveryCase.Stage);
    }
}

public class FollowUpDateTests
{
    [Fact]
    public void A_follow_up_may_be_set_up_to_a_year_ahead_and_no_further()
    {
        var recoveryCase = CaseBuilder.At(Stage.Atoned);

        var refusal = Assert.Throws<DomainException>(() => recoveryCase.ScheduleFollowUp(DateOnly.MaxValue, Clock.As(People.Ana)));
        Assert.Equal("follow_up.date_too_far", refusal.Code);
        Assert.Equal(Stage.Atoned, recoveryCase.Stage);

        recoveryCase.ScheduleFollowUp(Clock.Today.AddDays(RecoveryCase.MaxFollowUpDaysAhead), Clock.As(People.Ana));
        Assert.Equal(Stage.FollowUpDue, recoveryCase.Stage);
    }
}
