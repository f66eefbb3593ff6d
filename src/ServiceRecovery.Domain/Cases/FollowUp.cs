using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Cases;

public enum FollowUpOutcome
{
    Satisfied,
    NotSatisfied,
    NoAnswer,
}

/// <summary>
/// One attempt to reach the customer after the recovery: scheduled for a day, then given an outcome.
/// </summary>
public sealed class FollowUp
{
    private FollowUp()
    {
        ScheduledByName = string.Empty;
    }

    internal FollowUp(Guid caseId, int number, int attempt, DateOnly dueOn, ActionContext ctx)
    {
        Id = Guid.CreateVersion7(ctx.Now);
        CaseId = caseId;
        Number = number;
        Attempt = attempt;
        DueOn = dueOn;
        ScheduledById = ctx.Actor.UserId;
        ScheduledByName = ctx.Actor.Name;
        ScheduledAt = ctx.Now;
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    /// <summary>1, 2, ... over the whole case.</summary>
    public int Number { get; private set; }

    /// <summary>1, 2, 3 within one follow-up round (a round restarts when a follow-up is scheduled).</summary>
    public int Attempt { get; private set; }

    public DateOnly DueOn { get; private set; }

    public Guid ScheduledById { get; private set; }

    public string ScheduledByName { get; private set; }

    public DateTimeOffset ScheduledAt { get; private set; }

    /// <summary>Null while the follow-up is still to be made.</summary>
    public FollowUpOutcome? Outcome { get; private set; }

    public string? Note { get; private set; }

    /// <summary>Who recorded the outcome.</summary>
    public Guid? ById { get; private set; }

    public string? ByName { get; private set; }

    /// <summary>When the outcome was recorded.</summary>
    public DateTimeOffset? At { get; private set; }

    internal void RecordOutcome(FollowUpOutcome outcome, string? note, ActionContext ctx)
    {
        Outcome = outcome;
        Note = note;
        ById = ctx.Actor.UserId;
        ByName = ctx.Actor.Name;
        At = ctx.Now;
    }
}
