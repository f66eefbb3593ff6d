using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Cases;

/// <summary>
/// THE lifecycle of a case: which action is allowed in which stage, and where it leads.
/// <see cref="RecoveryCase"/> checks every intention against this table (plus the few guards noted
/// here) and throws <see cref="DomainException"/> for anything else.
/// </summary>
public static class Transitions
{
    /// <summary>On this many follow-up attempts without an answer the case closes as Unreachable.</summary>
    public const int MaxNoAnswerAttempts = 3;

    /// <summary>(from, action) → to.</summary>
    public static IReadOnlyDictionary<(Stage From, CaseAction Action), Stage> Table { get; } =
        new Dictionary<(Stage From, CaseAction Action), Stage>
        {
            [(Stage.Logged, CaseAction.Apologize)] = Stage.Apologized,
            [(Stage.Apologized, CaseAction.Listen)] = Stage.Listened,
            [(Stage.Listened, CaseAction.Fix)] = Stage.Fixed,

            // Within the proposer's limit (or apology only). Above it, or for a flagged customer,
            // RecordAtonement decides the target instead: AtonementPendingApproval (like the no-answer rule).
            [(Stage.Fixed, CaseAction.Atone)] = Stage.Atoned,

            // Guard: only when the case already has an approved gesture, i.e. it was reopened after one.
            [(Stage.Fixed, CaseAction.ScheduleFollowUp)] = Stage.FollowUpDue,

            // A supervisor decides a gesture that needed approval (never their own proposal).
            [(Stage.AtonementPendingApproval, CaseAction.ApproveAtonement)] = Stage.Atoned,
            [(Stage.AtonementPendingApproval, CaseAction.DeclineAtonement)] = Stage.Fixed,

            // An approver may lower an amount, never raise it: a higher amount replaces the proposal and waits
            // for someone other than them.
            [(Stage.AtonementPendingApproval, CaseAction.ProposeHigherAmount)] = Stage.AtonementPendingApproval,

            [(Stage.Atoned, CaseAction.ScheduleFollowUp)] = Stage.FollowUpDue,

            // Outcome Recovered.
            [(Stage.FollowUpDue, CaseAction.RecordSatisfied)] = Stage.Closed,

            // Reopened: back to fixing. Reason required; ReopenCount + 1.
            [(Stage.FollowUpDue, CaseAction.RecordNotSatisfied)] = Stage.Listened,

            // Attempt + 1, next try due (next business day by default). On attempt MaxNoAnswerAttempts
            // the method sends the case to ClosedWithoutRecovery with outcome Unreachable instead.
            [(Stage.FollowUpDue, CaseAction.RecordNoAnswer)] = Stage.FollowUpDue,

            // "Some people will never be happy": note required; outcome Unsatisfied.
            [(Stage.FollowUpDue, CaseAction.CloseUnsatisfied)] = Stage.ClosedWithoutRecovery,

            // Any open stage: a duplicate or logged in error, with a note.
            [(Stage.Logged, CaseAction.Withdraw)] = Stage.Withdrawn,
            [(Stage.Apologized, CaseAction.Withdraw)] = Stage.Withdrawn,
            [(Stage.Listened, CaseAction.Withdraw)] = Stage.Withdrawn,
            [(Stage.Fixed, CaseAction.Withdraw)] = Stage.Withdrawn,
            [(Stage.AtonementPendingApproval, CaseAction.Withdraw)] = Stage.Withdrawn,
            [(Stage.Atoned, CaseAction.Withdraw)] = Stage.Withdrawn,
            [(Stage.FollowUpDue, CaseAction.Withdraw)] = Stage.Withdrawn,

            // Closed, ClosedWithoutRecovery and Withdrawn are terminal: no rows.
        };

    private static readonly Dictionary<Stage, CaseAction[]> _allowedFrom = Enum.GetValues<Stage>()
        .ToDictionary(
            stage => stage,
            stage => Enum.GetValues<CaseAction>().Where(action => Table.ContainsKey((stage, action))).ToArray());

    public static bool TryGet(Stage from, CaseAction action, out Stage to) => Table.TryGetValue((from, action), out to);

    /// <summary>The actions the table allows from a stage, in <see cref="CaseAction"/> order (guards not applied).</summary>
    public static IReadOnlyList<CaseAction> AllowedFrom(Stage stage) =>
        _allowedFrom.TryGetValue(stage, out var actions) ? actions : [];

    public static bool IsTerminal(Stage stage) =>
        stage is Stage.Closed or Stage.ClosedWithoutRecovery or Stage.Withdrawn;

    /// <summary>The target stage, or a <see cref="DomainException"/> explaining the refusal.</summary>
    public static Stage Require(Stage from, CaseAction action) =>
        TryGet(from, action, out var to)
            ? to
            : throw new DomainException(Refusal(from, action), "case.transition_refused");

    /// <summary>Why <paramref name="action"/> cannot be done on a case in <paramref name="from"/>, in plain words.</summary>
    public static string Refusal(Stage from, CaseAction action)
    {
        if (IsTerminal(from))
        {
            return TerminalMessage(from);
        }

        var specific = (action, from) switch
        {
            (CaseAction.Apologize, not Stage.Logged) => "This case has already been apologized for.",
            (CaseAction.Listen, > Stage.Apologized) => "The customer has already been listened to on this case.",
            (CaseAction.Fix, > Stage.Listened) =>
                "This case has already been fixed. If the customer is still unhappy, record that at the follow-up to reopen it.",
            (CaseAction.Atone, < Stage.Fixed) => "A case must be fixed before a gesture can be recorded.",
            (CaseAction.Atone, Stage.AtonementPendingApproval) =>
                "A gesture for this case is already waiting for supervisor approval.",
            (CaseAction.Atone, _) => "A gesture has already been recorded for this case.",
            (CaseAction.ScheduleFollowUp, Stage.Fixed) =>
                "Record a gesture before scheduling the follow-up (an apology-only gesture with a reason is fine).",
            (CaseAction.ScheduleFollowUp, Stage.AtonementPendingApproval) =>
                "The gesture must be approved before a follow-up can be scheduled.",
            (CaseAction.ScheduleFollowUp, Stage.FollowUpDue) => "A follow-up is already scheduled for this case.",
            (CaseAction.RecordSatisfied or CaseAction.RecordNotSatisfied or CaseAction.RecordNoAnswer
                or CaseAction.CloseUnsatisfied, _) =>
                "There is no follow-up due on this case yet. " + NextStep(from),
            (CaseAction.ApproveAtonement or CaseAction.DeclineAtonement or CaseAction.ProposeHigherAmount, _) =>
                "There is no gesture waiting for approval on this case.",
            _ => null,
        };
        return specific ?? NextStep(from);
    }

    /// <summary>What can be done next on a case in an open stage, as a sentence.</summary>
    public static string NextStep(Stage stage) => stage switch
    {
        Stage.Logged => "Apologize first: the next step for this case is to apologize.",
        Stage.Apologized =>
            "Listen first: the next step for this case is to listen to the customer and note how they feel.",
        Stage.Listened => "Fix first: the next step for this case is to fix the problem.",
        Stage.Fixed => "Make amends first: the next step for this case is to record a gesture.",
        Stage.AtonementPendingApproval => "This case is waiting for a supervisor to approve or decline the gesture.",
        Stage.Atoned => "Follow up next: the next step for this case is to schedule a follow-up with the customer.",
        Stage.FollowUpDue =>
            "A follow-up is due: record how it went (satisfied, not satisfied or no answer), or close the case unsatisfied.",
        _ => TerminalMessage(stage),
    };

    internal static string TerminalMessage(Stage stage) => stage switch
    {
        Stage.Closed => "This case is closed; nothing more can be done on it.",
        Stage.ClosedWithoutRecovery => "This case was closed without recovery; nothing more can be done on it.",
        Stage.Withdrawn => "This case was withdrawn; nothing more can be done on it.",
        _ => NextStep(stage),
    };
}
