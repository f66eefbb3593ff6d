namespace ServiceRecovery.Domain.Cases.Events;

/// <summary>A gesture is waiting for someone to decide it (<paramref name="Because"/> says why).</summary>
public sealed record GestureProposed(Guid CaseId, string Reference, Guid AtonementId, Guid ProposedById, decimal Amount, string? Currency, string Because, DateTimeOffset At) : ICaseEvent;
