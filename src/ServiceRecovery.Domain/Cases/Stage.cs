namespace ServiceRecovery.Domain.Cases;

/// <summary>
/// Where a case stands in the recovery lifecycle. The moves between stages are in <see cref="Transitions"/>.
/// </summary>
public enum Stage
{
    /// <summary>Recorded, nothing done yet.</summary>
    Logged,

    Apologized,

    /// <summary>The customer was heard; the problem is to be fixed (also where a reopened case goes back to).</summary>
    Listened,

    Fixed,

    /// <summary>A gesture above the proposer's limit waits for a supervisor (approvals feature).</summary>
    AtonementPendingApproval,

    Atoned,

    FollowUpDue,

    /// <summary>Terminal: the customer is satisfied (outcome Recovered).</summary>
    Closed,

    /// <summary>Terminal: closed unsatisfied or unreachable.</summary>
    ClosedWithoutRecovery,

    /// <summary>Terminal: a duplicate or logged in error.</summary>
    Withdrawn,
}

/// <summary>Words for stages, for badges and messages.</summary>
public static class Stages
{
    public static string Label(Stage stage) => stage switch
    {
        Stage.Logged => "Logged",
        Stage.Apologized => "Apologized",
        Stage.Listened => "Listened",
        Stage.Fixed => "Fixed",
        Stage.AtonementPendingApproval => "Gesture awaiting approval",
        Stage.Atoned => "Gesture given",
        Stage.FollowUpDue => "Follow-up due",
        Stage.Closed => "Closed (recovered)",
        Stage.ClosedWithoutRecovery => "Closed without recovery",
        Stage.Withdrawn => "Withdrawn",
        _ => stage.ToString(),
    };
}
