using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Cases;

public enum LedgerKind
{
    Proposed,
    Approved,
    Adjusted,
    Declined,
    Fulfilled,
}

/// <summary>
/// One line of the compensation ledger: every money gesture is proposed, then approved (or approved with
/// another amount, or declined), then fulfilled when actually given. Append-only, like the timeline.
/// </summary>
public sealed class CompensationEntry
{
    private CompensationEntry()
    {
        Currency = StaffName = ActorName = string.Empty;
    }

    internal CompensationEntry(RecoveryCase recoveryCase, Atonement atonement, LedgerKind kind, decimal amount, ActionContext ctx)
    {
        Id = Guid.CreateVersion7(ctx.Now);
        CaseId = recoveryCase.Id;
        CustomerId = recoveryCase.CustomerId;
        AtonementId = atonement.Id;
        Kind = kind;
        Gesture = atonement.Gesture;
        Amount = amount;
        Currency = atonement.Currency ?? string.Empty;
        StaffId = atonement.ProposedById;
        StaffName = atonement.ProposedByName;
        ActorId = ctx.Actor.UserId;
        ActorName = ctx.Actor.Name;
        At = ctx.Now;
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    public Guid CustomerId { get; private set; }

    public Guid AtonementId { get; private set; }

    public LedgerKind Kind { get; private set; }

    public GestureType Gesture { get; private set; }

    /// <summary>Proposed: the proposed amount; Approved/Adjusted: the approved amount; Declined: what was declined; Fulfilled: what was given.</summary>
    public decimal Amount { get; private set; }

    public string Currency { get; private set; }

    /// <summary>The member of staff who proposed the gesture (totals "per staff member").</summary>
    public Guid StaffId { get; private set; }

    public string StaffName { get; private set; }

    /// <summary>Who wrote this line (the proposer, the approver, whoever handed it over).</summary>
    public Guid ActorId { get; private set; }

    public string ActorName { get; private set; }

    public DateTimeOffset At { get; private set; }
}
