using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Customers;
using ServiceRecovery.Web.Infrastructure.Compensation;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Everything the case page and the step pages show about one case, for the person looking at it.</summary>
public sealed record CaseView(
    Guid Id,
    string Reference,
    Guid CustomerId,
    string CustomerName,
    CustomerTier CustomerTier,
    int CustomerCasesLast12Months,
    Channel Channel,
    string Category,
    Severity Severity,
    Stage Stage,
    CaseOutcome? Outcome,
    string? OwnerName,
    DateTimeOffset OpenedAt,
    string OpenedByName,
    string? CustomerExpected,
    string WhatHappened,
    string? CustomerWants,
    decimal? TransactionValue,
    string? Currency,
    string? ClosingNote,
    DateOnly? FollowUpDueOn,
    int FollowUpAttempts,
    int ReopenCount,
    IReadOnlyList<StepProgress> Progress,
    IReadOnlyList<CaseAction> AllowedActions,
    Apology? Apology,
    ListeningNote? ListeningNote,
    IReadOnlyList<FixRecord> Fixes,
    IReadOnlyList<Atonement> Atonements,
    IReadOnlyList<FollowUp> FollowUps,
    uint Version,
    int LastTimelineSequence,
    IReadOnlyList<TimelineLine> Timeline)
{
    public bool IsTerminal => Transitions.IsTerminal(Stage);

    /// <summary>The customer's repeated-compensation flag (set when the case is loaded for display).</summary>
    public CustomerFlag? CustomerFlag { get; init; }

    /// <summary>Where the case stands against its SLA right now.</summary>
    public Domain.Sla.SlaEvaluation? Sla { get; init; }

    public bool IsWaitingForCustomer { get; init; }

    public Guid? OwnerId { get; init; }

    /// <summary>What the person looking at the case may do about its owner (from the aggregate).</summary>
    public OwnerChange OwnerChange { get; init; }

    /// <summary>Why this person may not change the owner (the domain's words), or null.</summary>
    public string? OwnerChangeRefusal { get; init; }

    /// <summary>Why this person may not decide the pending gesture (the domain's words), or null.</summary>
    public string? DecisionRefusal { get; init; }

    /// <summary>The organisation's calendar day the case closed; null while open.</summary>
    public DateOnly? ClosedOn { get; init; }

    /// <summary>Whether a customer's return can be recorded (closed, not withdrawn: the aggregate's rule).</summary>
    public bool AcceptsReturn => ReturnRefusal is null;

    /// <summary>Why no return can be recorded on the case (the aggregate's words), or null.</summary>
    public string? ReturnRefusal { get; init; }

    /// <summary>The day the customer came back after the case closed, if recorded.</summary>
    public DateOnly? ReturnedOn { get; init; }

    /// <summary>What they spent on that visit, in <see cref="ReturnCurrency"/>, if known.</summary>
    public decimal? ReturnValue { get; init; }

    public string? ReturnCurrency { get; init; }
}
