using ServiceRecovery.Domain.Cases;

namespace ServiceRecovery.Domain.Sla;

/// <summary>
/// SLA of a recovery case from its timestamps. Pure: "now" is a parameter, so the result is reproducible.
/// </summary>
/// <remarks>
/// Both clocks start when the case is opened and stop during pauses. First response is achieved by the apology
/// (or by the fix, if no apology was recorded before it); resolution by the fix. A target achieved at or after
/// its limit is <see cref="SlaState.Breached"/> (kept as history, <see cref="SlaTargetEvaluation.MetLate"/>),
/// consistent with the live rule "Breached once elapsed ≥ target".
/// </remarks>
public static class SlaCalculator
{
    /// <summary>Both targets of a case as they stand at <paramref name="now"/> (pauses after now are ignored).</summary>
    public static SlaEvaluation Evaluate(
        SlaPolicy policy,
        Severity severity,
        DateTimeOffset openedAt,
        DateTimeOffset? firstRespondedAt,
        DateTimeOffset? resolvedAt,
        IReadOnlyList<SlaPause> pauses,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var targets = policy.For(severity);
        var clock = new SlaClock(policy.Calendar, openedAt, pauses).AsOf(now);

        var firstResponse = EvaluateTarget(
            clock, targets.FirstResponse, FirstResponseAchievedAt(firstRespondedAt, resolvedAt), now, policy.AtRiskFraction);
        var resolution = EvaluateTarget(clock, targets.Resolution, resolvedAt, now, policy.AtRiskFraction);

        var open = new[] { firstResponse, resolution }.Where(t => !t.IsAchieved).ToList();
        var state = open.Count > 0
            ? open.Select(t => t.State).Aggregate(SlaStates.Worst)
            : SlaStates.Worst(firstResponse.State, resolution.State);
        var nextDueAt = open.Where(t => t.DueAt is not null).Select(t => t.DueAt).Min();

        return new SlaEvaluation(firstResponse, resolution, state, nextDueAt);
    }

    /// <summary>
    /// The first-response deadline to store when the case changes (opened, paused, resumed): null while paused
    /// (the clock is stopped), unless the target was already reached before the pause.
    /// </summary>
    public static DateTimeOffset? FirstResponseDueAt(
        SlaPolicy policy, Severity severity, DateTimeOffset openedAt, IReadOnlyList<SlaPause> pauses)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new SlaClock(policy.Calendar, openedAt, pauses).WhenElapsedReaches(policy.For(severity).FirstResponse);
    }

    /// <summary>The resolution deadline to store when the case changes; null while paused (see <see cref="FirstResponseDueAt"/>).</summary>
    public static DateTimeOffset? ResolutionDueAt(
        SlaPolicy policy, Severity severity, DateTimeOffset openedAt, IReadOnlyList<SlaPause> pauses)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new SlaClock(policy.Calendar, openedAt, pauses).WhenElapsedReaches(policy.For(severity).Resolution);
    }

    /// <summary>
    /// The one deadline a queue sorts by ("SLA due"): first response until apologized, then resolution until
    /// fixed, then null. Null also while paused. Store it at every change of the inputs.
    /// </summary>
    public static DateTimeOffset? NextDueAt(
        SlaPolicy policy,
        Severity severity,
        DateTimeOffset openedAt,
        DateTimeOffset? firstRespondedAt,
        DateTimeOffset? resolvedAt,
        IReadOnlyList<SlaPause> pauses)
    {
        if (resolvedAt is not null)
        {
            return null;
        }

        return FirstResponseAchievedAt(firstRespondedAt, resolvedAt) is null
            ? FirstResponseDueAt(policy, severity, openedAt, pauses)
            : ResolutionDueAt(policy, severity, openedAt, pauses);
    }

    private static DateTimeOffset? FirstResponseAchievedAt(DateTimeOffset? firstRespondedAt, DateTimeOffset? resolvedAt) =>
        firstRespondedAt is { } responded && resolvedAt is { } resolved
            ? (responded < resolved ? responded : resolved)
            : firstRespondedAt ?? resolvedAt;

    private static SlaTargetEvaluation EvaluateTarget(
        SlaClock clock, TimeSpan target, DateTimeOffset? achievedAt, DateTimeOffset now, double atRiskFraction)
    {
        var asOf = achievedAt is { } achieved ? clock.AsOf(achieved) : clock;
        var at = achievedAt ?? now;
        var elapsed = asOf.ElapsedAt(at);
        var dueAt = asOf.WhenElapsedReaches(target);
        var atRiskTicks = (long)Math.Round(atRiskFraction * target.Ticks, MidpointRounding.AwayFromZero);

        SlaState state;
        if (achievedAt is not null)
        {
            state = elapsed < target ? SlaState.Met : SlaState.Breached;
        }
        else if (elapsed >= target)
        {
            state = SlaState.Breached;
        }
        else if (asOf.IsPausedAt(now))
        {
            state = SlaState.Paused;
        }
        else
        {
            state = elapsed.Ticks >= atRiskTicks ? SlaState.AtRisk : SlaState.OnTrack;
        }

        return new SlaTargetEvaluation(
            Target: target,
            Elapsed: elapsed,
            Remaining: elapsed < target ? target - elapsed : TimeSpan.Zero,
            Overdue: elapsed > target ? elapsed - target : TimeSpan.Zero,
            DueAt: dueAt,
            State: state,
            Fraction: (double)elapsed.Ticks / target.Ticks,
            AchievedAt: achievedAt);
    }
}
