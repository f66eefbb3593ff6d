namespace ServiceRecovery.Domain.Cases.Events;

/// <summary>
/// Something that happened to a case, raised by <see cref="RecoveryCase"/> itself as it changes, for whatever must
/// follow every such change (messages to the customer, survey links, notices to process owners). The app dispatches
/// them inside the same transaction as the change (ADR 0011).
/// </summary>
public interface ICaseEvent
{
    Guid CaseId { get; }

    string Reference { get; }

    DateTimeOffset At { get; }
}
