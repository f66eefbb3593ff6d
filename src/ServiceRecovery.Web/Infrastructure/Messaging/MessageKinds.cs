namespace ServiceRecovery.Web.Infrastructure.Messaging;

/// <summary>
/// The messages the app sends. Each kind has a template per customer language in <c>Templates/{kind}.{language}.liquid</c>
/// (MessageTemplatesTests checks that every kind has one in every language).
/// </summary>
public static class MessageKinds
{
    /// <summary>To the customer: we have your complaint (public form), its reference and what happens next.</summary>
    public const string ComplaintAcknowledged = "complaint-acknowledged";

    /// <summary>To the customer: "Have we fixed everything for you?" with their private survey link.</summary>
    public const string SurveyInvitation = "survey-invitation";

    /// <summary>To the case owner: the customer answered "not fixed" and the case is back with them.</summary>
    public const string CaseReopened = "case-reopened";

    /// <summary>To each owner, at 08:00 in the organisation's zone: the follow-ups due today.</summary>
    public const string FollowUpsDueToday = "follow-ups-due-today";

    /// <summary>To the approvers: a gesture is waiting for a decision.</summary>
    public const string GestureAwaitingApproval = "gesture-awaiting-approval";

    /// <summary>To the proposer: their gesture was approved or declined.</summary>
    public const string GestureDecided = "gesture-decided";

    // --- root causes and process owners (issue 14) ---

    /// <summary>To a root cause's process owner: a case with their cause closed.</summary>
    public const string RootCauseCaseClosed = "root-cause-case-closed";

    /// <summary>To each process owner, weekly: the cases of their causes closed in the week.</summary>
    public const string RootCauseWeeklyDigest = "root-cause-weekly-digest";

    public static IReadOnlyList<string> All { get; } =
        [ComplaintAcknowledged, SurveyInvitation, CaseReopened, FollowUpsDueToday, GestureAwaitingApproval, GestureDecided,
         RootCauseCaseClosed, RootCauseWeeklyDigest];
}
