namespace ServiceRecovery.Domain.Cases;

/// <summary>Something a person can do to a case; one button each in the UI.</summary>
public enum CaseAction
{
    Apologize,
    Listen,
    Fix,
    Atone,
    ScheduleFollowUp,
    RecordSatisfied,

    /// <summary>The customer is not satisfied at follow-up: the case is reopened.</summary>
    RecordNotSatisfied,

    RecordNoAnswer,
    CloseUnsatisfied,
    Withdraw,

    /// <summary>A supervisor approves a pending gesture (<see cref="RecoveryCase.ApproveAtonement"/>).</summary>
    ApproveAtonement,

    /// <summary>A supervisor declines a pending gesture (<see cref="RecoveryCase.DeclineAtonement"/>).</summary>
    DeclineAtonement,

    /// <summary>An approver replaces the pending gesture with a higher one that someone else decides (<see cref="RecoveryCase.ProposeHigherAmount"/>).</summary>
    ProposeHigherAmount,
}

/// <summary>Button captions for actions.</summary>
public static class CaseActions
{
    public static string Label(CaseAction action) => action switch
    {
        CaseAction.Apologize => "Apologize",
        CaseAction.Listen => "Listen and empathize",
        CaseAction.Fix => "Fix the problem",
        CaseAction.Atone => "Make amends",
        CaseAction.ScheduleFollowUp => "Schedule follow-up",
        CaseAction.RecordSatisfied => "Customer is satisfied",
        CaseAction.RecordNotSatisfied => "Not satisfied: reopen",
        CaseAction.RecordNoAnswer => "No answer",
        CaseAction.CloseUnsatisfied => "Close unsatisfied",
        CaseAction.Withdraw => "Withdraw",
        CaseAction.ApproveAtonement => "Approve gesture",
        CaseAction.DeclineAtonement => "Decline gesture",
        CaseAction.ProposeHigherAmount => "Propose a higher amount",
        _ => action.ToString(),
    };
}
