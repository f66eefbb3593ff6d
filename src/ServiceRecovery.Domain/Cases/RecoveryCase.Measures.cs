using ServiceRecovery.Domain.Sla;

namespace ServiceRecovery.Domain.Cases;

/// <summary>
/// The case's own performance figures, stored when they happen so that a dashboard over a million cases reads
/// columns instead of replaying SLA clocks: business time to the first response (the apology, or the first fix if it
/// came first) and to the first fix, each with whether it met its SLA target. Business time is the SLA clock's: the
/// policy's calendar, pauses while waiting for the customer excluded (<see cref="SlaCalculator"/>). Null until the
/// milestone happens, and for milestones recorded without an SLA policy in the <see cref="Common.ActionContext"/>.
/// </summary>
public sealed partial class RecoveryCase
{
    /// <summary>Business minutes from opening to the first response (rounded down); null until responded.</summary>
    public int? FirstResponseBusinessMinutes { get; private set; }

    /// <summary>Whether the first response came before its SLA target (<see cref="SlaState.Met"/>).</summary>
    public bool? FirstResponseMetSla { get; private set; }

    /// <summary>Business minutes from opening to the first fix (rounded down); null until fixed.</summary>
    public int? ResolutionBusinessMinutes { get; private set; }

    /// <summary>Whether the first fix came before its SLA target.</summary>
    public bool? ResolutionMetSla { get; private set; }

    /// <summary>Whether the first fix was recorded as resolved at first contact (feeds first-contact resolution).</summary>
    public bool? FirstFixAtFirstContact { get; private set; }

    /// <summary>
    /// Records the measures of a milestone the first time it happens (later apologies and fixes after a reopen do not
    /// move them), with the SLA evaluated exactly as <see cref="SlaCalculator.Evaluate"/> does.
    /// </summary>
    private void MeasureMilestone(CaseAction action, DateTimeOffset now, SlaPolicy? policy, bool atFirstContact = false)
    {
        if (action == CaseAction.Fix && FirstFixAtFirstContact is null && _fixes.Count == 0)
        {
            FirstFixAtFirstContact = atFirstContact;
        }

        if (policy is null)
        {
            return;
        }

        var evaluation = SlaCalculator.Evaluate(
            policy, Severity, OpenedAt, FirstRespondedAt, ResolvedAt, [.. _waitingPeriods.Select(w => w.ToPause())], now);
        if (FirstResponseBusinessMinutes is null && evaluation.FirstResponse.AchievedAt is not null)
        {
            FirstResponseBusinessMinutes = Minutes(evaluation.FirstResponse.Elapsed);
            FirstResponseMetSla = evaluation.FirstResponse.State == SlaState.Met;
        }

        if (ResolutionBusinessMinutes is null && evaluation.Resolution.AchievedAt is not null)
        {
            ResolutionBusinessMinutes = Minutes(evaluation.Resolution.Elapsed);
            ResolutionMetSla = evaluation.Resolution.State == SlaState.Met;
        }
    }

    private static int Minutes(TimeSpan elapsed) => (int)Math.Min(int.MaxValue, Math.Floor(elapsed.TotalMinutes));
}
