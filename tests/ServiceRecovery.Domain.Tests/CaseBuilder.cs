using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Tests;

/// <summary>Walks a case to any reachable stage through the public methods only.</summary>
internal static class CaseBuilder
{
    public const decimal Limit = 50m;

    public static readonly Guid CustomerId = Guid.Parse("0195a000-0000-7000-8000-0000000000c1");

    public static RecoveryCase Logged(Actor? owner = null, Actor? loggedBy = null, string? currency = "EUR") =>
        RecoveryCase.Log(
            CaseReference.Format(2026, 123),
            CustomerId,
            Channel.InPerson,
            "Room not ready",
            Severity.Moderate,
            "A clean room at 15:00",
            "We waited two hours in the lobby with the kids.",
            "A room now and something for the trouble",
            transactionValue: currency is null ? null : 180m,
            currency,
            owner?.UserId,
            owner?.Name,
            Clock.As(loggedBy ?? owner ?? People.Sue));

    /// <summary>
    /// A case owned by <paramref name="owner"/> (default Ana) at <paramref name="stage"/>. With <paramref name="reopened"/>,
    /// the case first goes all the way to follow-up, is reopened (not satisfied) and then walks on from Listened.
    /// With owner null the case is unassigned and walked by supervisor Sue (who does not take ownership).
    /// </summary>
    public static RecoveryCase At(Stage stage, bool reopened = false, Actor? owner = null, bool unassigned = false)
    {
        var actor = unassigned ? People.Sue : owner ?? People.Ana;
        var ctx = Clock.As(actor);
        var recoveryCase = Logged(unassigned ? null : actor);
        if (stage == Stage.Logged)
        {
            return recoveryCase;
        }

        if (stage == Stage.Withdrawn)
        {
            recoveryCase.Withdraw(WithdrawReason.Duplicate, "Same as SR-2026-000122", ctx);
            return recoveryCase;
        }

        Perform(recoveryCase, CaseAction.Apologize, ctx);
        if (stage == Stage.Apologized)
        {
            return recoveryCase;
        }

        Perform(recoveryCase, CaseAction.Listen, ctx);
        if (reopened)
        {
            ClassifyAndFix(recoveryCase, ctx);
            Perform(recoveryCase, CaseAction.Atone, ctx);
            Perform(recoveryCase, CaseAction.ScheduleFollowUp, ctx);
            Perform(recoveryCase, CaseAction.RecordNotSatisfied, ctx);
        }

        if (stage == Stage.Listened)
        {
            return recoveryCase;
        }

        ClassifyAndFix(recoveryCase, ctx);
        if (stage == Stage.Fixed)
        {
            return recoveryCase;
        }

        if (stage == Stage.AtonementPendingApproval)
        {
            recoveryCase.RecordAtonement(GestureType.Refund, 200m, "EUR", "Two nights", Power.Of(Limit), ctx);
            return recoveryCase;
        }

        Perform(recoveryCase, CaseAction.Atone, ctx);
        if (stage == Stage.Atoned)
        {
            return recoveryCase;
        }

        Perform(recoveryCase, CaseAction.ScheduleFollowUp, ctx);
        switch (stage)
        {
            case Stage.FollowUpDue:
                break;
            case Stage.Closed:
                Perform(recoveryCase, CaseAction.RecordSatisfied, ctx);
                break;
            case Stage.ClosedWithoutRecovery:
                Perform(recoveryCase, CaseAction.CloseUnsatisfied, ctx);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(stage), stage, "No route to this stage.");
        }

        return recoveryCase;
    }

    /// <summary>The fix step as the app takes it: the root cause (required before the case can close) is recorded with the fix.</summary>
    public static void ClassifyAndFix(RecoveryCase recoveryCase, ActionContext ctx)
    {
        if (!recoveryCase.HasRootCause)
        {
            recoveryCase.ClassifyRootCause(Causes.HandOff, note: null, current: null, ctx);
        }

        Perform(recoveryCase, CaseAction.Fix, ctx);
    }

    /// <summary>Performs <paramref name="action"/> with valid input through the case's public method.</summary>
    public static void Perform(RecoveryCase recoveryCase, CaseAction action, ActionContext ctx)
    {
        switch (action)
        {
            case CaseAction.Apologize:
                var words = "I'm so sorry, this should never have happened.";
                recoveryCase.Apologize(words, ApologyCoach.Review(words), ctx);
                break;
            case CaseAction.Listen:
                recoveryCase.Listen("Exhausted and let down", "A room right now", ctx);
                break;
            case CaseAction.Fix:
                recoveryCase.Fix("Upgraded to a ready suite", resolvedAtFirstContact: true, ctx);
                break;
            case CaseAction.Atone:
                recoveryCase.RecordAtonement(GestureType.Voucher, 20m, "EUR", "Dinner voucher", Power.Of(Limit), ctx);
                break;
            case CaseAction.ScheduleFollowUp:
                recoveryCase.ScheduleFollowUp(Clock.Today.AddDays(1), ctx);
                break;
            case CaseAction.RecordSatisfied:
                recoveryCase.RecordFollowUpOutcome(FollowUpOutcome.Satisfied, "Happy with the suite", ctx);
                break;
            case CaseAction.RecordNotSatisfied:
                recoveryCase.RecordFollowUpOutcome(FollowUpOutcome.NotSatisfied, "The suite's shower is broken", ctx);
                break;
            case CaseAction.RecordNoAnswer:
                recoveryCase.RecordFollowUpOutcome(FollowUpOutcome.NoAnswer, note: null, ctx);
                break;
            case CaseAction.CloseUnsatisfied:
                recoveryCase.CloseUnsatisfied("Wants a full refund of the stay; declined", ctx);
                break;
            case CaseAction.Withdraw:
                recoveryCase.Withdraw(WithdrawReason.LoggedInError, "Wrong guest", ctx);
                break;
            case CaseAction.ApproveAtonement:
                // Deciding is a supervisor's job, and never the proposer's.
                recoveryCase.ApproveAtonement(Power.Of(500m), adjustedAmount: null, reason: null, ctx with { Actor = People.Sue });
                break;
            case CaseAction.DeclineAtonement:
                recoveryCase.DeclineAtonement("Out of proportion to a late room", ctx with { Actor = People.Sue });
                break;
            case CaseAction.ProposeHigherAmount:
                recoveryCase.ProposeHigherAmount((recoveryCase.PendingAtonement?.Amount ?? 0m) + 50m, "Not enough for two nights", 500m, ctx with { Actor = People.Sue });
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "No method for this action yet.");
        }
    }
}
