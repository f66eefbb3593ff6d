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

    /// <summary>An approver proposed a higher amount in its place (a new gesture, decided by someone else).</summary>
    Replaced,
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

    /// <summary>The amount first proposed; <see cref="Amount"/> is what was finally approved (it may be adjusted).</summary>
    public decimal? ProposedAmount { get; private set; }

    /// <summary>Why it needed a supervisor (above the proposer's limit, flagged customer), or null.</summary>
    public string? NeedsApprovalBecause { get; private set; }

    /// <summary>The guidance warning shown when it was proposed (below or above the suggested range), or null.</summary>
    public string? GuidanceNote { get; private set; }

    /// <summary>The approver's reason for adjusting or declining.</summary>
    public string? DecisionReason { get; private set; }

    /// <summary>When the refund/voucher/gift was actually given.</summary>
    public DateTimeOffset? FulfilledAt { get; private set; }

    public Guid? FulfilledById { get; private set; }

    public string? FulfilledByName { get; private set; }

    public bool IsAdjusted => Status == AtonementStatus.Approved && ProposedAmount is not null && Amount != ProposedAmount;

    public bool IsMoney => Gesture != GestureType.ApologyOnly && Amount is > 0;

    internal void SetProposalNotes(string? needsApprovalBecause, string? guidanceNote)
    {
        ProposedAmount = Amount;
        NeedsApprovalBecause = needsApprovalBecause;
        GuidanceNote = guidanceNote;
        if (Status == AtonementStatus.Approved)
        {
            // Within the proposer's own limit: approved by the proposer's empowerment.
            DecidedById = ProposedById;
            DecidedByName = ProposedByName;
            DecidedAt = ProposedAt;
        }
    }

    internal void Approve(decimal amount, string? reason, ActionContext ctx)
    {
        Amount = amount;
        Status = AtonementStatus.Approved;
        DecisionReason = reason;
        Decided(ctx);
    }

    internal void Decline(string reason, ActionContext ctx)
    {
        Status = AtonementStatus.Declined;
        DecisionReason = reason;
        Decided(ctx);
    }

    internal void Replace(string reason, ActionContext ctx)
    {
        Status = AtonementStatus.Replaced;
        DecisionReason = reason;
        Decided(ctx);
    }

    internal void Fulfil(ActionContext ctx)
    {
        FulfilledAt = ctx.Now;
        FulfilledById = ctx.Actor.UserId;
        FulfilledByName = ctx.Actor.Name;
    }

    private void Decided(ActionContext ctx)
    {
        DecidedById = ctx.Actor.UserId;
        DecidedByName = ctx.Actor.Name;
        DecidedAt = ctx.Now;
    }
}
