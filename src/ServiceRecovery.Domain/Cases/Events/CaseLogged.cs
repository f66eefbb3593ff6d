namespace ServiceRecovery.Domain.Cases.Events;

/// <summary>A complaint was logged.</summary>
public sealed record CaseLogged(Guid CaseId, string Reference, Guid CustomerId, Channel Channel, Severity Severity, bool Assigned, DateTimeOffset At) : ICaseEvent;
