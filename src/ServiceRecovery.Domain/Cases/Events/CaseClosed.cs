namespace ServiceRecovery.Domain.Cases.Events;

/// <summary>The case reached an end: closed (recovered), closed without recovery, or withdrawn.</summary>
public sealed record CaseClosed(Guid CaseId, string Reference, Guid CustomerId, Stage Stage, CaseOutcome? Outcome, DateTimeOffset At) : ICaseEvent;
