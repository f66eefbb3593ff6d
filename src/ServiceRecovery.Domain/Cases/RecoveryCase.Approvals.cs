using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Cases;

/// <summary>Deciding a gesture that needed a supervisor, and recording that a gesture was actually given.</summary>
public sealed partial class RecoveryCase
{
    /// <summary>
    /// A supervisor or manager may decide a pending gesture, but never their own proposal (four eyes).
    /// </summary>
    public bool MayDecide(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsSupervisorOrAbove && PendingAtonement is { } pending && pending.ProposedById != actor.UserId;
    }

    /// <summary>
    /// Approves the pending gesture, as proposed or with another amount (<paramref name="adjustedAmount"/>, reason
    /// required). The approver can approve only up to <paramref name="approverLimit"/>: above it, a manager decides.
    /// </summary>
    public void ApproveAtonement(decimal approverLimit, decimal? adjustedAmount, string? reason, ActionContext ctx)
    {
        var to = Require(CaseAction.ApproveAtonement, ctx);
        var pending = EnsureMayDecide(ctx.Actor);
        var adjusted = adjustedAmount is { } a && a != pending.Amount;
        if (adjusted && adjustedAmount is not > 0)
        {
            throw new DomainException("An adjusted amount must be more than zero; to give nothing, decline with a reason.", "atonement.amount_required");
        }

        var amount = adjusted ? adjustedAmount!.Value : pending.Amount!.Value;
        var checkedReason = adjusted
            ? Guard.Required(reason, "The reason for approving a different amount")
            : Guard.Optional(reason, "The reason");
        if (amount > approverLimit)
        {
            throw new DomainException(
                Invariant($"{amount:0.00} {pending.Currency} is above your approval limit of {approverLimit:0.00} {pending.Currency}: a manager must decide this one."),
                "atonement.above_approver_limit");
        }

        pending.Approve(amount, checkedReason, ctx);
        _ledger.Add(new CompensationEntry(this, pending, adjusted ? LedgerKind.Adjusted : LedgerKind.Approved, amount, ctx));
        MoveTo(
            to,
            ctx,
            TimelineKinds.AtonementApproved,
            adjusted
                ? Invariant($"Approved a different amount: {pending.Gesture} worth {amount:0.00} {pending.Currency} (proposed {pending.ProposedAmount:0.00})")
                : Invariant($"Approved the gesture: {pending.Gesture} worth {amount:0.00} {pending.Currency}"),
            details: Invariant($"proposed by {pending.ProposedByName}: {pending.ProposedAmount:0.00} → {amount:0.00}"),
            note: checkedReason);
    }

    /// <summary>Declines the pending gesture with a reason; the case goes back to "fixed" for another proposal.</summary>
    public void DeclineAtonement(string reason, ActionContext ctx)
    {
        var to = Require(CaseAction.DeclineAtonement, ctx);
        var pending = EnsureMayDecide(ctx.Actor);
        var checkedReason = Guard.Required(reason, "The reason for declining");
        pending.Decline(checkedReason, ctx);
        _ledger.Add(new CompensationEntry(this, pending, LedgerKind.Declined, pending.Amount ?? 0m, ctx));
        MoveTo(
            to,
            ctx,
            TimelineKinds.AtonementDeclined,
            Invariant($"Declined the gesture: {pending.Gesture} worth {pending.Amount:0.00} {pending.Currency}"),
            details: Invariant($"proposed by {pending.ProposedByName}"),
            note: checkedReason);
    }

    /// <summary>Records that an approved money gesture was actually given (refund processed, voucher handed over).</summary>
    public void MarkAtonementFulfilled(Guid atonementId, ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        EnsureMayAct(ctx.Actor);
        var atonement = _atonements.Find(a => a.Id == atonementId)
            ?? throw new DomainException("That gesture is not on this case.", "atonement.not_found");
        if (atonement.Status != AtonementStatus.Approved || !atonement.IsMoney)
        {
            throw new DomainException("Only an approved gesture of value can be marked as given.", "atonement.not_fulfillable");
        }

        if (atonement.FulfilledAt is not null)
        {
            throw new DomainException(
                $"This gesture was already marked as given by {atonement.FulfilledByName}.", "atonement.already_fulfilled");
        }

        atonement.Fulfil(ctx);
        _ledger.Add(new CompensationEntry(this, atonement, LedgerKind.Fulfilled, atonement.Amount!.Value, ctx));
        Append(
            ctx,
            TimelineKinds.AtonementFulfilled,
            Invariant($"Gave the gesture: {atonement.Gesture} worth {atonement.Amount:0.00} {atonement.Currency}"),
            fromStage: null,
            toStage: null);
    }

    private Atonement EnsureMayDecide(Actor actor)
    {
        var pending = PendingAtonement
            ?? throw new DomainException("There is no gesture waiting for approval on this case.", "case.transition_refused");
        if (!actor.IsSupervisorOrAbove)
        {
            throw new CaseAccessDeniedException("Only a supervisor or a manager can approve or decline a gesture.");
        }

        if (pending.ProposedById == actor.UserId)
        {
            throw new DomainException(
                "You proposed this gesture, so someone else must decide it (four eyes).", "atonement.own_proposal");
        }

        return pending;
    }
}
