using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Cases.Events;
using ServiceRecovery.Domain.Compensation;

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

    /// <summary>Why <paramref name="actor"/> may not decide the pending gesture, in words for the decide page; null when they may.</summary>
    public string? DecisionRefusal(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return PendingAtonement is not { } pending ? Transitions.Refusal(Stage, CaseAction.ApproveAtonement)
            : !actor.IsSupervisorOrAbove ? OnlyApproversDecide
            : pending.ProposedById == actor.UserId ? OwnProposal
            : null;
    }

    private const string OnlyApproversDecide = "Only a supervisor or a manager can approve or decline a gesture.";

    private const string OwnProposal = "You proposed this gesture, so another supervisor or a manager must decide it (four eyes).";

    /// <summary>
    /// Approves the pending gesture as proposed, or a lower amount (<paramref name="adjustedAmount"/>, reason required).
    /// A higher amount is never an approval: it is a new proposal that someone else decides
    /// (<see cref="ProposeHigherAmount"/>). The approver grants only within their own <paramref name="approver"/>
    /// limit, measured like a proposer's against the running totals of the case and of the customer.
    /// </summary>
    public void ApproveAtonement(Empowerment approver, decimal? adjustedAmount, string? reason, ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(approver);
        var to = Require(CaseAction.ApproveAtonement, ctx);
        var pending = EnsureMayDecide(ctx.Actor);
        var adjusted = adjustedAmount is { } a && a != pending.Amount;
        if (adjusted && adjustedAmount is not > 0)
        {
            throw new DomainException("An adjusted amount must be more than zero; to give nothing, decline with a reason.", "atonement.amount_required");
        }

        if (adjusted && adjustedAmount > pending.Amount)
        {
            throw new DomainException(
                Invariant($"You can approve {pending.Amount:0.00} {pending.Currency} or less. To give more, propose a higher amount: another supervisor or a manager decides it."),
                "atonement.raise_is_a_new_proposal");
        }

        var amount = adjusted ? adjustedAmount!.Value : pending.Amount!.Value;
        var checkedReason = adjusted
            ? Guard.Required(reason, "The reason for approving a different amount")
            : Guard.Optional(reason, "The reason");
        if (approver.WhyAboveApproverLimit(GrantedTotal, amount) is { } why)
        {
            throw new DomainException(
                Invariant($"You cannot approve {amount:0.00} {pending.Currency} yourself ({why}): {(ctx.Actor.Roles.HasFlag(StaffRole.Manager) ? "someone with a higher limit" : "a manager")} must decide this one."),
                "atonement.above_approver_limit");
        }

        pending.Approve(amount, checkedReason, ctx);
        _ledger.Add(new CompensationEntry(this, pending, adjusted ? LedgerKind.Adjusted : LedgerKind.Approved, amount, ctx));
        MoveTo(
            to,
            ctx,
            TimelineKinds.AtonementApproved,
            adjusted
                ? Invariant($"Approved a lower amount: {DisplayNames.Of(pending.Gesture)} worth {amount:0.00} {pending.Currency} (proposed {pending.ProposedAmount:0.00})")
                : Invariant($"Approved the gesture: {DisplayNames.Of(pending.Gesture)} worth {amount:0.00} {pending.Currency}"),
            details: Invariant($"proposed by {pending.ProposedByName}: {pending.ProposedAmount:0.00} → {amount:0.00}"),
            note: checkedReason);
    }

    /// <summary>
    /// An approver thinks the pending gesture is too small: the proposal is replaced by theirs, for
    /// <paramref name="amount"/> (more than proposed, reason required), and the case keeps waiting, now for someone
    /// other than them (four eyes on the difference too).
    /// </summary>
    /// <param name="guidanceNote">The guidance warning for the new amount (below or above the suggested range), or null.</param>
    public void ProposeHigherAmount(decimal amount, string reason, decimal approverLimit, ActionContext ctx, string? guidanceNote = null)
    {
        var to = Require(CaseAction.ProposeHigherAmount, ctx);
        var pending = EnsureMayDecide(ctx.Actor);
        if (amount <= pending.Amount)
        {
            throw new DomainException(
                Invariant($"A higher amount must be more than the {pending.Amount:0.00} {pending.Currency} proposed; to give that or less, approve it."),
                "atonement.not_higher");
        }

        var proposal = CheckGesture(pending.Gesture, amount, pending.Currency, pending.Description);
        var checkedReason = Guard.Required(reason, "The reason for proposing a higher amount");
        var because = $"{ctx.Actor.Name} proposed more than {pending.ProposedByName}: someone other than {ctx.Actor.Name} decides";

        pending.Replace(checkedReason, ctx);
        _ledger.Add(new CompensationEntry(this, pending, LedgerKind.Declined, pending.Amount!.Value, ctx));
        var raised = AddGesture(proposal, approverLimit, because, guidanceNote, ctx);
        _ledger.Add(new CompensationEntry(this, raised, LedgerKind.Proposed, amount, ctx));
        Raise(new GestureProposed(Id, Reference, raised.Id, ctx.Actor.UserId, amount, proposal.Currency, because, ctx.Now));
        MoveTo(
            to,
            ctx,
            TimelineKinds.AtonementRaised,
            Invariant($"Proposed a higher amount: {DisplayNames.Of(proposal.Gesture)} worth {amount:0.00} {proposal.Currency} instead of {pending.Amount:0.00} — waiting for another supervisor or a manager"),
            details: Invariant($"proposed by {pending.ProposedByName}: {pending.Amount:0.00} → {amount:0.00} by {ctx.Actor.Name}"),
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
            Invariant($"Declined the gesture: {DisplayNames.Of(pending.Gesture)} worth {pending.Amount:0.00} {pending.Currency}"),
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
            Invariant($"Gave the gesture: {DisplayNames.Of(atonement.Gesture)} worth {atonement.Amount:0.00} {atonement.Currency}"),
            fromStage: null,
            toStage: null);
    }

    private Atonement EnsureMayDecide(Actor actor)
    {
        var pending = PendingAtonement
            ?? throw new DomainException("There is no gesture waiting for approval on this case.", "case.transition_refused");
        if (!actor.IsSupervisorOrAbove)
        {
            throw new CaseAccessDeniedException(OnlyApproversDecide);
        }

        if (pending.ProposedById == actor.UserId)
        {
            throw new DomainException(OwnProposal, "atonement.own_proposal");
        }

        return pending;
    }
}
