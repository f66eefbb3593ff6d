namespace ServiceRecovery.Domain.Cases;

/// <summary>The five recovery steps a progress indicator shows.</summary>
public enum RecoveryStep
{
    Apologize,
    Empathize,
    Fix,
    Atone,
    FollowUp,
}

public enum StepState
{
    Done,
    Current,
    NotYet,
}

public sealed record StepProgress(RecoveryStep Step, StepState State);

/// <summary>Maps stages to the five recovery steps.</summary>
public static class RecoveryProgress
{
    /// <summary>The step being worked on in an open stage; null for terminal stages.</summary>
    public static RecoveryStep? StepOf(Stage stage) => stage switch
    {
        Stage.Logged => RecoveryStep.Apologize,
        Stage.Apologized => RecoveryStep.Empathize,
        Stage.Listened => RecoveryStep.Fix,
        Stage.Fixed or Stage.AtonementPendingApproval => RecoveryStep.Atone,
        Stage.Atoned or Stage.FollowUpDue => RecoveryStep.FollowUp,
        _ => null,
    };

    /// <summary>
    /// The five steps for a stage: before the current one Done, the current one Current, the rest NotYet.
    /// Closed and ClosedWithoutRecovery: all Done. Withdrawn: all NotYet (the stage alone does not say how
    /// far the case got; <see cref="RecoveryCase.Progress"/> does).
    /// </summary>
    public static IReadOnlyList<StepProgress> For(Stage stage)
    {
        var current = StepOf(stage);
        return [.. Enum.GetValues<RecoveryStep>().Select(step => new StepProgress(step, stage switch
        {
            Stage.Closed or Stage.ClosedWithoutRecovery => StepState.Done,
            Stage.Withdrawn => StepState.NotYet,
            _ when step < current => StepState.Done,
            _ when step == current => StepState.Current,
            _ => StepState.NotYet,
        }))];
    }

    public static string Label(RecoveryStep step) => step switch
    {
        RecoveryStep.Apologize => "Apologize",
        RecoveryStep.Empathize => "Listen and empathize",
        RecoveryStep.Fix => "Fix",
        RecoveryStep.Atone => "Make amends",
        RecoveryStep.FollowUp => "Follow up",
        _ => step.ToString(),
    };
}
