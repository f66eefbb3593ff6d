using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Cases;

/// <summary>The kind of gesture that makes it up to the customer.</summary>
public enum GestureType
{
    Refund,
    Credit,
    Discount,
    Voucher,
    Gift,
    Replacement,
    Upgrade,
    Other,

    /// <summary>No money or goods: a sincere apology is the gesture. Needs a reason.</summary>
    ApologyOnly,
}

public enum AtonementStatus
{
    Approved,
    PendingApproval,
    Declined,
}

/// <summary>
/// A gesture proposed on a case. Every gesture except <see cref="GestureType.ApologyOnly"/> has a
/// cost (Amount &gt; 0 in Currency) that counts against the proposer's limit and compensation spend.
/// </summary>
public sealed class Atonement
{
    private Atonement()
    {
        ProposedByName = string.Empty;
    }

    internal Atonement(
        Guid caseId,
        int number,
        GestureType gesture,
        decimal? amount,
        string? currency,
        string? description,
        AtonementStatus status,
        decimal proposerLimit,
        ActionContext ctx)
    {
        Id = Guid.CreateVersion7(ctx.Now);
        CaseId = caseId;
        Number = number;
        Gesture = gesture;
        Amount = amount;
        Currency = currency;
        Description = description;
        Status = status;
        ProposerLimit = proposerLimit;
        ProposedById = ctx.Actor.UserId;
        ProposedByName = ctx.Actor.Name;
        ProposedAt = ctx.Now;
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    /// <summary>1, 2, ... in the order the gestures were proposed on the case.</summary>
    public int Number { get; private set; }

    public GestureType Gesture { get; private set; }

    /// <summary>The cost of the gesture; null for <see cref="GestureType.ApologyOnly"/>.</summary>
    public decimal? Amount { get; private set; }

    /// <summary>3-letter code; null for <see cref="GestureType.ApologyOnly"/>.</summary>
    public string? Currency { get; private set; }

    /// <summary>What the gesture is; for apology-only, the reason no gesture of value was given.</summary>
    public string? Description { get; private set; }

    public AtonementStatus Status { get; private set; }

    /// <summary>The proposer's empowerment limit at the time, kept for audit.</summary>
    public decimal ProposerLimit { get; private set; }

    public Guid ProposedById { get; private set; }

    public string ProposedByName { get; private set; }

    public DateTimeOffset ProposedAt { get; private set; }

    /// <summary>Who approved or declined it; null when approved within the proposer's own limit.</summary>
    public Guid? DecidedById { get; private set; }

    public string? DecidedByName { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }
}
