using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Tests;

public class RecoveryCaseRuleTests
{
    private static readonly string TooLong = new('x', FieldLimits.FreeText + 1);

    [Fact]
    public void Logging_opens_the_case_with_one_timeline_entry()
    {
        var recoveryCase = CaseBuilder.Logged(owner: People.Ana);

        Assert.Equal(Stage.Logged, recoveryCase.Stage);
        Assert.Equal("SR-2026-000123", recoveryCase.Reference);
        Assert.Equal(People.Ana.UserId, recoveryCase.OwnerId);
        Assert.Equal(Clock.Now, recoveryCase.OpenedAt);
        Assert.Equal(People.Ana.UserId, recoveryCase.OpenedById);
        Assert.Null(recoveryCase.Outcome);
        var entry = Assert.Single(recoveryCase.Timeline);
        Assert.Equal(TimelineKinds.Logged, entry.Kind);
        Assert.Null(entry.FromStage);
        Assert.Equal(Stage.Logged, entry.ToStage);
        Assert.Equal(1, entry.Sequence);
    }

    [Fact]
    public void What_happened_is_required()
    {
        var refusal = Assert.Throws<DomainException>(() => LogWith(whatHappened: "   "));

        Assert.Equal("What happened is required.", refusal.Message);
    }

    [Fact]
    public void What_happened_longer_than_4000_characters_is_refused()
    {
        var refusal = Assert.Throws<DomainException>(() => LogWith(whatHappened: TooLong));

        Assert.Equal("What happened is too long: at most 4000 characters, this has 4001.", refusal.Message);
        Assert.Equal("validation.too_long", refusal.Code);
    }

    [Fact]
    public void Exactly_4000_characters_is_accepted()
    {
        var recoveryCase = LogWith(whatHappened: new string('x', FieldLimits.FreeText));

        Assert.Equal(FieldLimits.FreeText, recoveryCase.WhatHappened.Length);
    }

    [Fact]
    public void Category_longer_than_100_characters_is_refused()
    {
        var refusal = Assert.Throws<DomainException>(() => LogWith(category: new string('c', 101)));

        Assert.Contains("The category", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SR-26-000123")]
    [InlineData("XX-2026-000123")]
    [InlineData("")]
    public void Logging_with_a_malformed_reference_is_refused(string reference)
    {
        Assert.Throws<DomainException>(() => LogWith(reference: reference));
    }

    [Fact]
    public void A_negative_transaction_value_is_refused()
    {
        var refusal = Assert.Throws<DomainException>(() => LogWith(transactionValue: -1m));

        Assert.Equal("The transaction value cannot be negative.", refusal.Message);
    }

    [Fact]
    public void A_transaction_value_without_currency_is_refused()
    {
        Assert.Throws<DomainException>(() => LogWith(transactionValue: 10m, currency: null));
    }

    [Fact]
    public void Currency_is_upper_cased()
    {
        Assert.Equal("EUR", LogWith(currency: " eur ").Currency);
    }

    [Theory]
    [MemberData(nameof(TooLongFreeText))]
    public void Free_text_longer_than_4000_characters_is_refused_naming_the_field(
        Stage stage, string field, Action<RecoveryCase, ActionContext> act)
    {
        var recoveryCase = CaseBuilder.At(stage);

        var refusal = Assert.Throws<DomainException>(() => act(recoveryCase, Clock.As(People.Ana)));

        Assert.StartsWith(field + " is too long", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(stage, recoveryCase.Stage);
    }

    public static TheoryData<Stage, string, Action<RecoveryCase, ActionContext>> TooLongFreeText() => new()
    {
        { Stage.Logged, "The apology", (c, ctx) => c.Apologize(TooLong, [], ctx) },
        { Stage.Apologized, "How the customer feels", (c, ctx) => c.Listen(TooLong, null, ctx) },
        { Stage.Apologized, "What the customer would like", (c, ctx) => c.Listen("Upset", TooLong, ctx) },
        { Stage.Listened, "What was done to fix it", (c, ctx) => c.Fix(TooLong, false, ctx) },
        {
            Stage.Fixed, "The reason for an apology-only gesture",
            (c, ctx) => c.RecordAtonement(GestureType.ApologyOnly, null, null, TooLong, Power.Of(0m), ctx)
        },
        {
            Stage.FollowUpDue, "Why the customer is not satisfied",
            (c, ctx) => c.RecordFollowUpOutcome(FollowUpOutcome.NotSatisfied, TooLong, ctx)
        },
        { Stage.FollowUpDue, "Why the case is closed unsatisfied", (c, ctx) => c.CloseUnsatisfied(TooLong, ctx) },
        {
            Stage.Logged, "A note on why the case is withdrawn",
            (c, ctx) => c.Withdraw(WithdrawReason.Duplicate, TooLong, ctx)
        },
    };

    [Fact]
    public void The_apology_is_recorded_with_its_coaching_hints_by_whom_and_when()
    {
        var recoveryCase = CaseBuilder.At(Stage.Logged);
        var words = "I understand, it's our policy.";

        recoveryCase.Apologize(words, ApologyCoach.Review(words), Clock.As(People.Ana));

        var apology = Assert.IsType<Apology>(recoveryCase.Apology);
        Assert.Equal(words, apology.Words);
        Assert.Equal("I understand; it's our policy; Say sorry and own it", apology.CoachingHints);
        Assert.Equal(People.Ana.UserId, apology.ById);
        Assert.Equal("Ana", apology.ByName);
        Assert.Equal(Clock.Now, apology.At);
    }

    [Fact]
    public void An_apology_needs_words()
    {
        var refusal = Assert.Throws<DomainException>(
            () => CaseBuilder.At(Stage.Logged).Apologize(" ", [], Clock.As(People.Ana)));

        Assert.Equal("The apology is required.", refusal.Message);
    }

    [Fact]
    public void A_fix_records_first_contact_resolution()
    {
        var recoveryCase = CaseBuilder.At(Stage.Listened);

        recoveryCase.Fix("Moved to room 12", resolvedAtFirstContact: true, Clock.As(People.Ana));

        var fix = Assert.Single(recoveryCase.Fixes);
        Assert.True(fix.ResolvedAtFirstContact);
        Assert.Same(fix, recoveryCase.LatestFix);
        Assert.Equal(1, fix.Number);
    }

    [Fact]
    public void A_gesture_above_the_limit_waits_for_a_supervisor()
    {
        var recoveryCase = CaseBuilder.At(Stage.Fixed);

        recoveryCase.RecordAtonement(GestureType.Refund, 50.01m, "EUR", "Half the night", Power.Of(50m), Clock.As(People.Ana));

        var atonement = Assert.Single(recoveryCase.Atonements);
        Assert.Equal(AtonementStatus.PendingApproval, atonement.Status);
        Assert.Equal("above the proposer's limit of 50.00 EUR", atonement.NeedsApprovalBecause);
        Assert.Equal(Stage.AtonementPendingApproval, recoveryCase.Stage);
        Assert.Equal([CaseAction.Withdraw], recoveryCase.AllowedActionsFor(People.Ana));
        Assert.Contains(CaseAction.ApproveAtonement, recoveryCase.AllowedActionsFor(People.Sue));
        Assert.Equal(LedgerKind.Proposed, Assert.Single(recoveryCase.Ledger).Kind);
    }

    [Fact]
    public void A_gesture_at_exactly_the_limit_is_approved_and_the_case_is_atoned()
    {
        var recoveryCase = CaseBuilder.At(Stage.Fixed);

        recoveryCase.RecordAtonement(GestureType.Refund, 50m, "eur", null, Power.Of(50m), Clock.As(People.Ana));

        var atonement = Assert.Single(recoveryCase.Atonements);
        Assert.Equal(AtonementStatus.Approved, atonement.Status);
        Assert.Equal(50m, atonement.Amount);
        Assert.Equal("EUR", atonement.Currency);
        Assert.Equal(50m, atonement.ProposerLimit);
        Assert.Equal(People.Ana.UserId, atonement.ProposedById);
        Assert.Equal(Clock.Now, atonement.ProposedAt);
        Assert.Equal(People.Ana.UserId, atonement.DecidedById); // within her own limit: her empowerment decides
        Assert.Equal(Stage.Atoned, recoveryCase.Stage);
        Assert.True(recoveryCase.HasApprovedAtonement);
    }

    [Fact]
    public void An_apology_only_gesture_needs_a_reason()
    {
        var refusal = Assert.Throws<DomainException>(() => CaseBuilder.At(Stage.Fixed)
            .RecordAtonement(GestureType.ApologyOnly, null, null, "  ", Power.Of(0m), Clock.As(People.Ana)));

        Assert.Equal("The reason for an apology-only gesture is required.", refusal.Message);
    }

    [Fact]
    public void An_apology_only_gesture_with_a_reason_is_approved_whatever_the_limit()
    {
        var recoveryCase = CaseBuilder.At(Stage.Fixed);

        recoveryCase.RecordAtonement(
            GestureType.ApologyOnly, null, null, "Customer asked for nothing but an apology", Power.Of(0m), Clock.As(People.Ana));

        var atonement = Assert.Single(recoveryCase.Atonements);
        Assert.Null(atonement.Amount);
        Assert.Null(atonement.Currency);
        Assert.Equal(AtonementStatus.Approved, atonement.Status);
        Assert.Equal(Stage.Atoned, recoveryCase.Stage);
    }

    [Fact]
    public void An_apology_only_gesture_with_an_amount_is_refused()
    {
        Assert.Throws<DomainException>(() => CaseBuilder.At(Stage.Fixed)
            .RecordAtonement(GestureType.ApologyOnly, 5m, "EUR", "Sorry", Power.Of(50m), Clock.As(People.Ana)));
    }

    [Theory]
    [InlineData(GestureType.Refund, null)]
    [InlineData(GestureType.Voucher, 0)]
    [InlineData(GestureType.Credit, -5)]
    [InlineData(GestureType.Gift, null)]
    public void A_money_gesture_needs_an_amount_above_zero(GestureType gesture, int? amount)
    {
        var recoveryCase = CaseBuilder.At(Stage.Fixed);

        var refusal = Assert.Throws<DomainException>(
            () => recoveryCase.RecordAtonement(gesture, amount, "EUR", "Something", Power.Of(50m), Clock.As(People.Ana)));

        Assert.Equal("atonement.amount_required", refusal.Code);
        Assert.Equal(Stage.Fixed, recoveryCase.Stage);
    }

    [Fact]
    public void An_other_gesture_needs_a_description()
    {
        Assert.Throws<DomainException>(() => CaseBuilder.At(Stage.Fixed)
            .RecordAtonement(GestureType.Other, 10m, "EUR", null, Power.Of(50m), Clock.As(People.Ana)));
    }

    [Fact]
    public void A_gesture_without_currency_takes_the_case_currency()
    {
        var recoveryCase = CaseBuilder.At(Stage.Fixed);

        recoveryCase.RecordAtonement(GestureType.Discount, 10m, null, null, Power.Of(50m), Clock.As(People.Ana));

        Assert.Equal("EUR", Assert.Single(recoveryCase.Atonements).Currency);
    }

    [Fact]
    public void A_gesture_without_any_currency_is_refused()
    {
        var recoveryCase = CaseBuilder.Logged(owner: People.Ana, currency: null);
        foreach (var action in new[] { CaseAction.Apologize, CaseAction.Listen, CaseAction.Fix })
        {
            CaseBuilder.Perform(recoveryCase, action, Clock.As(People.Ana));
        }

        var refusal = Assert.Throws<DomainException>(
            () => recoveryCase.RecordAtonement(GestureType.Discount, 10m, null, null, Power.Of(50m), Clock.As(People.Ana)));

        Assert.Equal("The currency of the gesture is required.", refusal.Message);
    }

    [Fact]
    public void A_follow_up_date_in_the_past_is_refused()
    {
        var recoveryCase = CaseBuilder.At(Stage.Atoned);

        var refusal = Assert.Throws<DomainException>(
            () => recoveryCase.ScheduleFollowUp(Clock.Today.AddDays(-1), Clock.As(People.Ana)));

        Assert.Equal("follow_up.date_in_past", refusal.Code);
        Assert.Contains("in the past", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(Stage.Atoned, recoveryCase.Stage);
    }

    [Fact]
    public void A_follow_up_may_be_due_today()
    {
        var recoveryCase = CaseBuilder.At(Stage.Atoned);

        recoveryCase.ScheduleFollowUp(Clock.Today, Clock.As(People.Ana));

        Assert.Equal(Clock.Today, recoveryCase.FollowUpDueOn);
        var followUp = Assert.Single(recoveryCase.FollowUps);
        Assert.Equal(1, followUp.Attempt);
        Assert.Same(followUp, recoveryCase.PendingFollowUp);
    }

    [Fact]
    public void Satisfied_at_follow_up_closes_the_case_as_recovered()
    {
        var recoveryCase = CaseBuilder.At(Stage.FollowUpDue);

        recoveryCase.RecordFollowUpOutcome(FollowUpOutcome.Satisfied, null, Clock.As(People.Ana));

        Assert.Equal(Stage.Closed, recoveryCase.Stage);
        Assert.Equal(CaseOutcome.Recovered, recoveryCase.Outcome);
        Assert.Equal(Clock.Now, recoveryCase.ClosedAt);
        Assert.Null(recoveryCase.FollowUpDueOn);
        Assert.Equal(FollowUpOutcome.Satisfied, recoveryCase.LatestFollowUp?.Outcome);
        Assert.Null(recoveryCase.PendingFollowUp);
    }

    [Fact]
    public void No_answer_reschedules_for_the_next_business_day()
    {
        var recoveryCase = CaseBuilder.At(Stage.FollowUpDue);
        var friday = new DateTimeOffset(2026, 3, 6, 16, 0, 0, TimeSpan.FromHours(1));

        recoveryCase.RecordFollowUpOutcome(FollowUpOutcome.NoAnswer, "Voicemail", Clock.As(People.Ana, friday));

        Assert.Equal(Stage.FollowUpDue, recoveryCase.Stage);
        Assert.Equal(1, recoveryCase.FollowUpAttempts);
        Assert.Equal(new DateOnly(2026, 3, 9), recoveryCase.FollowUpDueOn);
        Assert.Equal(2, recoveryCase.PendingFollowUp?.Attempt);
        Assert.Equal(FollowUpOutcome.NoAnswer, recoveryCase.FollowUps.Single(f => f.Attempt == 1).Outcome);
    }

    [Fact]
    public void No_answer_with_a_next_date_in_the_past_is_refused()
    {
        var recoveryCase = CaseBuilder.At(Stage.FollowUpDue);

        Assert.Throws<DomainException>(() => recoveryCase.RecordFollowUpOutcome(
            FollowUpOutcome.NoAnswer, null, Clock.As(People.Ana), nextDueOn: Clock.Today.AddDays(-1)));

        Assert.Equal(0, recoveryCase.FollowUpAttempts);
        Assert.Single(recoveryCase.FollowUps);
    }

    [Fact]
    public void Three_no_answers_close_the_case_as_unreachable()
    {
        var recoveryCase = CaseBuilder.At(Stage.FollowUpDue);

        CaseBuilder.Perform(recoveryCase, CaseAction.RecordNoAnswer, Clock.As(People.Ana));
        CaseBuilder.Perform(recoveryCase, CaseAction.RecordNoAnswer, Clock.As(People.Ana));
        Assert.Equal(Stage.FollowUpDue, recoveryCase.Stage);
        CaseBuilder.Perform(recoveryCase, CaseAction.RecordNoAnswer, Clock.As(People.Ana));

        Assert.Equal(Stage.ClosedWithoutRecovery, recoveryCase.Stage);
        Assert.Equal(CaseOutcome.Unreachable, recoveryCase.Outcome);
        Assert.Equal(3, recoveryCase.FollowUpAttempts);
        Assert.Equal(3, recoveryCase.FollowUps.Count);
        Assert.All(recoveryCase.FollowUps, f => Assert.Equal(FollowUpOutcome.NoAnswer, f.Outcome));
        Assert.Null(recoveryCase.FollowUpDueOn);
        Assert.Equal(TimelineKinds.Unreachable, recoveryCase.Timeline[^1].Kind);
        Assert.Equal(Stage.ClosedWithoutRecovery, recoveryCase.Timeline[^1].ToStage);
        Assert.Empty(recoveryCase.AllowedActions);
    }

    [Fact]
    public void Not_satisfied_reopens_to_listened_then_fix_and_follow_up_need_no_new_gesture()
    {
        var recoveryCase = CaseBuilder.At(Stage.FollowUpDue);

        recoveryCase.RecordFollowUpOutcome(FollowUpOutcome.NotSatisfied, "Shower still broken", Clock.As(People.Ana));

        Assert.Equal(Stage.Listened, recoveryCase.Stage);
        Assert.Equal(1, recoveryCase.ReopenCount);
        Assert.Null(recoveryCase.FollowUpDueOn);
        Assert.Equal("Shower still broken", recoveryCase.Timeline[^1].Note);
        Assert.Equal(TimelineKinds.Reopened, recoveryCase.Timeline[^1].Kind);

        recoveryCase.Fix("Plumber fixed the shower", false, Clock.As(People.Ana));
        Assert.Contains(CaseAction.ScheduleFollowUp, recoveryCase.AllowedActions);
        recoveryCase.ScheduleFollowUp(Clock.Today.AddDays(1), Clock.As(People.Ana));

        Assert.Equal(Stage.FollowUpDue, recoveryCase.Stage);
        Assert.Single(recoveryCase.Atonements);
        Assert.Equal(2, recoveryCase.Fixes.Count);
        Assert.Equal("Plumber fixed the shower", recoveryCase.LatestFix?.WhatWasDone);
        Assert.Equal(1, recoveryCase.PendingFollowUp?.Attempt);
        Assert.Equal(0, recoveryCase.FollowUpAttempts);
    }

    [Fact]
    public void Not_satisfied_without_a_reason_is_refused()
    {
        var recoveryCase = CaseBuilder.At(Stage.FollowUpDue);

        var refusal = Assert.Throws<DomainException>(
            () => recoveryCase.RecordFollowUpOutcome(FollowUpOutcome.NotSatisfied, null, Clock.As(People.Ana)));

        Assert.Equal("Why the customer is not satisfied is required.", refusal.Message);
        Assert.Equal(0, recoveryCase.ReopenCount);
    }

    [Fact]
    public void Closing_unsatisfied_needs_a_note_and_records_the_outcome()
    {
        var recoveryCase = CaseBuilder.At(Stage.FollowUpDue);
        Assert.Throws<DomainException>(() => recoveryCase.CloseUnsatisfied("", Clock.As(People.Ana)));

        recoveryCase.CloseUnsatisfied("Wants the whole stay refunded", Clock.As(People.Ana));

        Assert.Equal(Stage.ClosedWithoutRecovery, recoveryCase.Stage);
        Assert.Equal(CaseOutcome.Unsatisfied, recoveryCase.Outcome);
        Assert.Equal("Wants the whole stay refunded", recoveryCase.ClosingNote);
        Assert.Equal(FollowUpOutcome.NotSatisfied, recoveryCase.LatestFollowUp?.Outcome);
    }

    [Fact]
    public void Withdrawing_needs_a_note_and_records_the_reason()
    {
        var recoveryCase = CaseBuilder.At(Stage.Apologized);
        Assert.Throws<DomainException>(
            () => recoveryCase.Withdraw(WithdrawReason.Duplicate, " ", Clock.As(People.Ana)));

        recoveryCase.Withdraw(WithdrawReason.Duplicate, "Same as SR-2026-000122", Clock.As(People.Ana));

        Assert.Equal(Stage.Withdrawn, recoveryCase.Stage);
        Assert.Equal(CaseOutcome.Withdrawn, recoveryCase.Outcome);
        Assert.Equal(WithdrawReason.Duplicate, recoveryCase.WithdrawReason);
        Assert.Equal(Clock.Now, recoveryCase.ClosedAt);
    }

    private static RecoveryCase LogWith(
        string reference = "SR-2026-000001",
        string category = "Billing",
        string whatHappened = "Charged twice",
        decimal? transactionValue = null,
        string? currency = "EUR") =>
        RecoveryCase.Log(
            reference,
            CaseBuilder.CustomerId,
            Channel.Phone,
            category,
            Severity.Minor,
            null,
            whatHappened,
            null,
            transactionValue,
            currency,
            People.Ana.UserId,
            "Ana",
            Clock.As(People.Ana));
}
