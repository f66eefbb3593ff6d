using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Cases;

/// <summary>
/// One line of a case's history: who did what, when, and what it changed. Append-only: created only by
/// <see cref="RecoveryCase"/>, never changed. Summary and Details hold no complaint text; free-text
/// reasons are in <see cref="Note"/>.
/// </summary>
public sealed class TimelineEntry
{
    private TimelineEntry()
    {
        ActorName = Kind = Summary = string.Empty;
    }

    internal TimelineEntry(
        Guid caseId,
        int sequence,
        ActionContext ctx,
        string kind,
        string summary,
        Stage? fromStage,
        Stage? toStage,
        string? details,
        string? note)
    {
        Id = Guid.CreateVersion7(ctx.Now);
        CaseId = caseId;
        Sequence = sequence;
        At = ctx.Now;
        ActorId = ctx.Actor.UserId;
        ActorName = ctx.Actor.Name;
        Kind = kind;
        Summary = summary;
        FromStage = fromStage;
        ToStage = toStage;
        Details = details;
        Note = note;
        RequestId = ctx.RequestId;
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    /// <summary>1, 2, ... per case: the order to show entries in (several can share a timestamp).</summary>
    public int Sequence { get; private set; }

    public DateTimeOffset At { get; private set; }

    public Guid ActorId { get; private set; }

    public string ActorName { get; private set; }

    /// <summary>One of <see cref="TimelineKinds"/>.</summary>
    public string Kind { get; private set; }

    /// <summary>A human sentence, e.g. "Apologized to the customer".</summary>
    public string Summary { get; private set; }

    /// <summary>Null for entries that do not move the stage (assignment, unassignment, owner take-over) and for no stage before logging.</summary>
    public Stage? FromStage { get; private set; }

    public Stage? ToStage { get; private set; }

    /// <summary>A short "before → after", e.g. "unassigned → Ana".</summary>
    public string? Details { get; private set; }

    /// <summary>The free-text reason or note given with the action, if any (personal data: do not log).</summary>
    public string? Note { get; private set; }

    public Guid? RequestId { get; private set; }
}

/// <summary>The values of <see cref="TimelineEntry.Kind"/>.</summary>
public static class TimelineKinds
{
    public const string Logged = "case.logged";
    public const string Apologized = "case.apologized";
    public const string Listened = "case.listened";
    public const string Fixed = "case.fixed";
    public const string Atoned = "case.atoned";
    public const string AtonementProposed = "case.atonement_proposed";
    public const string WaitingForCustomer = "case.waiting_for_customer";
    public const string CustomerAnswered = "case.customer_answered";
    public const string AtonementApproved = "case.atonement_approved";
    public const string AtonementDeclined = "case.atonement_declined";
    public const string AtonementRaised = "case.atonement_raised";
    public const string AtonementFulfilled = "case.atonement_fulfilled";
    public const string FollowUpScheduled = "case.follow_up_scheduled";
    public const string Satisfied = "case.satisfied";
    public const string Reopened = "case.reopened";
    public const string NoAnswer = "case.no_answer";
    public const string Unreachable = "case.unreachable";
    public const string ClosedUnsatisfied = "case.closed_unsatisfied";
    public const string Withdrawn = "case.withdrawn";
    public const string Assigned = "case.assigned";
    public const string OwnerTaken = "case.owner_taken";
    public const string Unassigned = "case.unassigned";
    public const string SurveyAnswered = "case.survey_answered";
    public const string RootCauseClassified = "case.root_cause";
    public const string CustomerReturned = "case.customer_returned";
    public const string Recategorized = "case.recategorized";
}
