namespace ServiceRecovery.Domain.Cases.Events;

/// <summary>
/// Anything recorded on the case's timeline (a step, a decision, a pause, a new owner): <paramref name="Kind"/> is the
/// timeline kind (<see cref="TimelineKinds"/>); the stages are null when the stage did not change.
/// </summary>
public sealed record StepRecorded(Guid CaseId, string Reference, string Kind, Stage? From, Stage? To, Guid ActorId, DateTimeOffset At) : ICaseEvent;
