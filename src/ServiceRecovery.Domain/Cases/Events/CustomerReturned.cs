namespace ServiceRecovery.Domain.Cases.Events;

/// <summary>
/// Staff recorded that the customer came back after the case closed (<paramref name="Corrected"/>: an earlier record was
/// corrected); <paramref name="Value"/> is what they spent on that visit, when known.
/// </summary>
public sealed record CustomerReturned(
    Guid CaseId, string Reference, Guid CustomerId, DateOnly ReturnedOn, decimal? Value, string? Currency, bool Corrected, DateTimeOffset At) : ICaseEvent;
