using ServiceRecovery.Domain.Cases;

namespace ServiceRecovery.Web.Infrastructure.Cases;

/// <summary>
/// What a step did, as its page needs it for the confirmation: whether it was recorded now (or by an earlier submit of
/// the same form), and the case as it stands after it — its owner and its latest gesture — so that no page reads the
/// case again to say what happened.
/// </summary>
public sealed record StepOutcome(string Reference, bool WasAlreadyRecorded, Stage? Stage, string? OwnerName, GestureOutcome? LatestGesture)
{
    public static StepOutcome AlreadyRecorded(string reference) => new(reference, true, null, null, null);

    public static StepOutcome Of(RecoveryCase recoveryCase)
    {
        ArgumentNullException.ThrowIfNull(recoveryCase);
        var latest = recoveryCase.Atonements.MaxBy(a => a.Number);
        return new StepOutcome(
            recoveryCase.Reference, false, recoveryCase.Stage, recoveryCase.OwnerName,
            latest is null ? null : new GestureOutcome(latest.Status, latest.NeedsApprovalBecause, latest.GuidanceNote));
    }
}

/// <summary>The latest gesture on the case: granted, or waiting for an approver and why.</summary>
public sealed record GestureOutcome(AtonementStatus Status, string? NeedsApprovalBecause, string? GuidanceNote);
