using System.Linq.Expressions;
using ServiceRecovery.Domain.Sla;

namespace ServiceRecovery.Domain.Cases;

/// <summary>
/// Where an open case stands against its SLA now, from the deadlines it keeps (<see cref="RecoveryCase.SlaDueAt"/>,
/// <see cref="RecoveryCase.SlaAtRiskAt"/>, <see cref="RecoveryCase.WaitingSince"/>): the one rule for the queue's rows,
/// its filters and counts, its CSV and the benchmark's raw baseline. <see cref="Of"/> and <see cref="Is"/> are the
/// same rule for queries (grouping, filtering); a test holds the three to the same answer for every combination.
/// </summary>
public static class CaseSlaState
{
    /// <summary>A breach shows even while waiting for the customer (a pause never hides one).</summary>
    public static SlaState At(DateTimeOffset? dueAt, DateTimeOffset? atRiskAt, DateTimeOffset? waitingSince, DateTimeOffset now) =>
        dueAt <= now ? SlaState.Breached
        : waitingSince is not null ? SlaState.Paused
        : dueAt is null ? SlaState.Met
        : atRiskAt <= now ? SlaState.AtRisk
        : SlaState.OnTrack;

    /// <summary>The same rule, for grouping in a query (the queue's counts per state).</summary>
    public static Expression<Func<RecoveryCase, SlaState>> Of(DateTimeOffset now) => c =>
        c.SlaDueAt <= now ? SlaState.Breached
        : c.WaitingSince != null ? SlaState.Paused
        : c.SlaDueAt == null ? SlaState.Met
        : c.SlaAtRiskAt <= now ? SlaState.AtRisk
        : SlaState.OnTrack;

    /// <summary>
    /// The cases in <paramref name="state"/> at <paramref name="now"/>, written so that PostgreSQL can use the
    /// deadline indexes: the case keeps both deadlines or neither, and the at-risk one never after the due one.
    /// </summary>
    public static Expression<Func<RecoveryCase, bool>> Is(SlaState state, DateTimeOffset now) => state switch
    {
        SlaState.Breached => c => c.SlaDueAt <= now,
        SlaState.Paused => c => c.WaitingSince != null && !(c.SlaDueAt <= now),
        SlaState.Met => c => c.WaitingSince == null && c.SlaDueAt == null,
        SlaState.AtRisk => c => c.WaitingSince == null && c.SlaAtRiskAt <= now && c.SlaDueAt > now,
        SlaState.OnTrack => c => c.WaitingSince == null && c.SlaAtRiskAt > now,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown SLA state."),
    };
}
