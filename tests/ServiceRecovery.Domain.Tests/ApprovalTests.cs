using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Compensation;
using ServiceRecovery.Domain.Customers;

namespace ServiceRecovery.Domain.Tests;

public class ApprovalTests
{
    private static RecoveryCase Pending(decimal amount = 200m, Actor? proposer = null)
    {
        var recoveryCase = CaseBuilder.At(Stage.Fixed);
        recoveryCase.RecordAtonement(GestureType.Refund, amount, "EUR", "Two nights", Power.Of(50m), Clock.As(proposer ?? People.Ana));
        return recoveryCase;
    }

    [Fact]
    public void A_supervisor_approves_a_pending_gesture_and_the_case_is_atoned()
    {
        var recoveryCase = Pending();

        recoveryCase.ApproveAtonement(Power.Of(500m), adjustedAmount: null, reason: null, Clock.As(People.Sue));

        var atonement = Assert.Single(recoveryCase.Atonements);
        Assert.Equal(AtonementStatus.Approved, atonement.Status);
        Assert.Equal(200m, atonement.Amount);
        Assert.Equal(People.Sue.UserId, atonement.DecidedById);
        Assert.Equal(Stage.Atoned, recoveryCase.Stage);
        Assert.Equal([LedgerKind.Proposed, LedgerKind.Approved], recoveryCase.Ledger.Select(l => l.Kind));
        Assert.Equal(People.Ana.UserId, recoveryCase.Ledger[1].StaffId); // totals per staff member go to the proposer
    }

    [Fact]
    public void Approving_a_different_amount_needs_a_reason_and_is_recorded_as_adjusted()
    {
        var recoveryCase = Pending();
        Assert.Throws<DomainException>(() => recoveryCase.ApproveAtonement(Power.Of(500m), 120m, " ", Clock.As(People.Sue)));

        recoveryCase.ApproveAtonement(Power.Of(500m), 120m, "One night is fair for a late room", Clock.As(People.Sue));

        var atonement = Assert.Single(recoveryCase.Atonements);
        Assert.True(atonement.IsAdjusted);
        Assert.Equal(200m, atonement.ProposedAmount);
        Assert.Equal(120m, atonement.Amount);
        Assert.Equal("One night is fair for a late room", atonement.DecisionReason);
        Assert.Equal(LedgerKind.Adjusted, recoveryCase.Ledger[^1].Kind);
        Assert.Equal(120m, recoveryCase.Ledger[^1].Amount);
        Assert.Contains("Approved a lower amount", recoveryCase.Timeline[^1].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Declining_needs_a_reason_and_sends_the_case_back_to_fixed()
    {
        var recoveryCase = Pending();
        Assert.Throws<DomainException>(() => recoveryCase.DeclineAtonement("", Clock.As(People.Sue)));

        recoveryCase.DeclineAtonement("Out of proportion: offer a voucher", Clock.As(People.Sue));

        Assert.Equal(Stage.Fixed, recoveryCase.Stage);
        Assert.Equal(AtonementStatus.Declined, Assert.Single(recoveryCase.Atonements).Status);
        Assert.Contains(CaseAction.Atone, recoveryCase.AllowedActionsFor(People.Ana)); // propose again
    }

    [Fact]
    public void Nobody_approves_their_own_proposal_whatever_their_role()
    {
        var recoveryCase = Pending(amount: 900m, proposer: People.Sue);

        var refusal = Assert.Throws<DomainException>(() => recoveryCase.ApproveAtonement(Power.Of(5000m), null, null, Clock.As(People.Sue)));

        Assert.Equal("atonement.own_proposal", refusal.Code);
        Assert.DoesNotContain(CaseAction.ApproveAtonement, recoveryCase.AllowedActionsFor(People.Sue));
        Assert.Contains(CaseAction.ApproveAtonement, recoveryCase.AllowedActionsFor(People.Max));
        Assert.Equal(Stage.AtonementPendingApproval, recoveryCase.Stage);
    }

    [Fact]
    public void Frontline_staff_cannot_decide_a_gesture()
    {
        var recoveryCase = Pending();

        Assert.Throws<CaseAccessDeniedException>(() => recoveryCase.ApproveAtonement(Power.Of(5000m), null, null, Clock.As(People.Ana)));
        Assert.DoesNotContain(CaseAction.DeclineAtonement, recoveryCase.AllowedActionsFor(People.Ana));
    }

    [Fact]
    public void An_approver_approves_only_up_to_their_own_limit_above_it_a_manager_decides()
    {
        var recoveryCase = Pending(amount: 800m);

        var refusal = Assert.Throws<DomainException>(() => recoveryCase.ApproveAtonement(Power.Of(500m), null, null, Clock.As(People.Sue)));
        Assert.Equal("atonement.above_approver_limit", refusal.Code);
        Assert.Contains("a manager must decide", refusal.Message, StringComparison.Ordinal);

        recoveryCase.ApproveAtonement(Power.Of(5000m), null, null, Clock.As(People.Max));
        Assert.Equal(Stage.Atoned, recoveryCase.Stage);
    }

    [Fact]
    public void A_flagged_customer_needs_a_supervisor_even_for_a_small_gesture()
    {
        var recoveryCase = CaseBuilder.At(Stage.Fixed);
        var flagged = new CustomerCompensation(GrantedInWindow: 0m, FlagGestures: 3, FlagAmount: 60m);

        recoveryCase.RecordAtonement(GestureType.Voucher, 10m, "EUR", null, Power.Of(50m, flagged), Clock.As(People.Ana));

        Assert.Equal(Stage.AtonementPendingApproval, recoveryCase.Stage);
        Assert.Equal(
            "the customer is flagged: 3 compensated gesture(s) worth 60.00 EUR in the last 90 days (flag at 3 gestures or 1000.00 EUR)",
            Assert.Single(recoveryCase.Atonements).NeedsApprovalBecause);
    }

    [Fact]
    public void Apology_only_never_waits_for_approval_and_writes_no_ledger_line()
    {
        var recoveryCase = CaseBuilder.At(Stage.Fixed);

        recoveryCase.RecordAtonement(GestureType.ApologyOnly, null, null, "Fixed on the spot", Power.Of(0m, new CustomerCompensation(0m, 9, 900m)), Clock.As(People.Ana));

        Assert.Equal(Stage.Atoned, recoveryCase.Stage);
        Assert.Empty(recoveryCase.Ledger);
    }

    [Fact]
    public void A_given_gesture_is_marked_fulfilled_once()
    {
        var recoveryCase = CaseBuilder.At(Stage.Atoned);
        var atonement = recoveryCase.Atonements[0];

        recoveryCase.MarkAtonementFulfilled(atonement.Id, Clock.As(People.Ana));

        Assert.NotNull(atonement.FulfilledAt);
        Assert.Equal(LedgerKind.Fulfilled, recoveryCase.Ledger[^1].Kind);
        Assert.Equal("atonement.already_fulfilled",
            Assert.Throws<DomainException>(() => recoveryCase.MarkAtonementFulfilled(atonement.Id, Clock.As(People.Ana))).Code);
    }

    [Fact]
    public void Only_a_supervisor_clears_a_customers_flag_and_needs_a_reason()
    {
        var customer = Customer.Create("Dee", "dee@example.com", null, CustomerTier.Standard, Clock.Now);

        Assert.Throws<DomainException>(() => customer.ClearAbuseFlag("Regular guest", Clock.As(People.Ana)));
        Assert.Throws<DomainException>(() => customer.ClearAbuseFlag(" ", Clock.As(People.Sue)));
        customer.ClearAbuseFlag("Regular guest with genuine bad luck", Clock.As(People.Sue));

        Assert.Equal(Clock.Now, customer.AbuseFlagClearedAt);
        Assert.Equal("Sue", customer.AbuseFlagClearedByName);
    }
}

public class GuidanceTests
{
    private static GuidanceSuggestion Suggest(Severity severity, CustomerTier tier = CustomerTier.Standard, decimal? value = 200m, int earlier = 0) =>
        CompensationGuidance.Suggest(CompensationGuidance.DefaultBands, severity, tier, value, earlier);

    [Theory]
    [InlineData(Severity.Minor, 0, 50)]
    [InlineData(Severity.Moderate, 50, 120)]
    [InlineData(Severity.Major, 120, 240)]
    [InlineData(Severity.Critical, 200, 300)]
    public void The_default_bands_are_a_share_of_the_transaction_value(Severity severity, decimal min, decimal max)
    {
        var s = Suggest(severity);

        Assert.Equal(min, s.Min);
        Assert.Equal(max, s.Max);
    }

    [Fact]
    public void Never_above_150_percent_even_if_a_band_says_more() =>
        Assert.Throws<ArgumentException>(() => new GuidanceBand(Severity.Critical, 100m, 200m, 0m, 1m).Validate());

    [Fact]
    public void A_vip_moves_to_the_upper_half_of_the_range()
    {
        var s = Suggest(Severity.Major, CustomerTier.Vip);

        Assert.Equal(180m, s.Min);
        Assert.Equal(240m, s.Max);
        Assert.Contains("VIP", s.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeat_failure_within_12_months_counts_one_severity_higher()
    {
        var s = Suggest(Severity.Moderate, earlier: 1);

        Assert.Equal(Severity.Major, s.EffectiveSeverity);
        Assert.Equal(120m, s.Min);
        Assert.Equal(Severity.Critical, Suggest(Severity.Critical, earlier: 3).EffectiveSeverity);
    }

    [Fact]
    public void Without_a_transaction_value_a_fixed_amount_per_severity_applies()
    {
        var s = Suggest(Severity.Moderate, value: null);

        Assert.Equal(15m, s.Min);
        Assert.Equal(50m, s.Max);
    }

    [Fact]
    public void Below_the_range_warns_of_insult_above_it_of_over_compensation_and_neither_blocks()
    {
        var s = Suggest(Severity.Major);

        var low = CompensationGuidance.Check(s, GestureType.Voucher, 10m);
        var high = CompensationGuidance.Check(s, GestureType.Refund, 500m);
        var fine = CompensationGuidance.Check(s, GestureType.Refund, 150m);

        Assert.Equal(GuidanceVerdict.BelowRange, low.Verdict);
        Assert.Contains("token amount can add insult", low.Warning, StringComparison.Ordinal);
        Assert.Equal(GuidanceVerdict.AboveRange, high.Verdict);
        Assert.Contains("over-compensation stops helping", high.Warning, StringComparison.Ordinal);
        Assert.Equal(GuidanceVerdict.Within, fine.Verdict);
        Assert.Null(fine.Warning);
    }

    [Fact]
    public void The_abuse_flag_counts_gestures_and_amount_and_its_window_restarts_when_cleared()
    {
        var policy = new AbusePolicy(GestureThreshold: 3, WindowDays: 90, AmountThreshold: 300m);

        Assert.False(policy.IsFlagged(2, 299.99m));
        Assert.True(policy.IsFlagged(3, 30m)); // three small gestures
        Assert.True(policy.IsFlagged(1, 300m)); // one large one
        Assert.False(new AbusePolicy(3, 90, AmountThreshold: 0m).IsFlagged(2, 1_000_000m)); // 0 turns the amount signal off
        Assert.Equal(Clock.Now.AddDays(-90), policy.FlagWindowStart(Clock.Now, flagClearedAt: null));
        Assert.Equal(Clock.Now.AddDays(-10), policy.FlagWindowStart(Clock.Now, Clock.Now.AddDays(-10)));
        Assert.Equal(Clock.Now.AddDays(-90), policy.FlagWindowStart(Clock.Now, Clock.Now.AddDays(-200)));
        Assert.Equal(Clock.Now.AddDays(-90), policy.WindowStart(Clock.Now)); // the limits' window ignores a clearing
    }
}
