namespace ServiceRecovery.Domain.Sla;

/// <summary>
/// One target (first response or resolution) of a case at a given moment. Times are business time of the policy's
/// calendar with pauses excluded.
/// </summary>
/// <param name="Target">The promised business time.</param>
/// <param name="Elapsed">Business time used: up to now, or up to <paramref name="AchievedAt"/> once achieved.</param>
/// <param name="Remaining">Target minus elapsed, never negative.</param>
/// <param name="Overdue">Elapsed minus target, never negative (how late it is or was).</param>
/// <param name="DueAt">
/// The instant the target is (or was) reached if the clock keeps running: in the future while running, in the past
/// once breached; for an achieved target, the deadline as it stood when achieved. Null while paused and not yet
/// breached. Expressed in the calendar's time zone.
/// </param>
/// <param name="State">Met or Breached once achieved; otherwise Breached, Paused, AtRisk or OnTrack.</param>
/// <param name="Fraction">Elapsed / target (1.0 = 100 %; more than 1 when overdue).</param>
/// <param name="AchievedAt">When the target was achieved (apology / fix); null while open.</param>
public sealed record SlaTargetEvaluation(
    TimeSpan Target,
    TimeSpan Elapsed,
    TimeSpan Remaining,
    TimeSpan Overdue,
    DateTimeOffset? DueAt,
    SlaState State,
    double Fraction,
    DateTimeOffset? AchievedAt)
{
    /// <summary>True once the apology / fix happened, whether on time or late.</summary>
    public bool IsAchieved => AchievedAt is not null;

    /// <summary>Achieved, but after the target (its state is <see cref="SlaState.Breached"/>).</summary>
    public bool MetLate => IsAchieved && State == SlaState.Breached;
}

/// <summary>The SLA of a case at a given moment.</summary>
/// <param name="FirstResponse">The apology target.</param>
/// <param name="Resolution">The fix target.</param>
/// <param name="State">
/// The worst state of the targets not yet achieved (Breached &gt; AtRisk &gt; Paused &gt; OnTrack); once both
/// are achieved, Breached if either was late, else Met.
/// </param>
/// <param name="NextDueAt">The earliest <c>DueAt</c> of the targets not yet achieved; null when none is running.</param>
public sealed record SlaEvaluation(
    SlaTargetEvaluation FirstResponse,
    SlaTargetEvaluation Resolution,
    SlaState State,
    DateTimeOffset? NextDueAt);
