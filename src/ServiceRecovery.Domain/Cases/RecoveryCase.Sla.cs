using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Sla;

namespace ServiceRecovery.Domain.Cases;

/// <summary>
/// The promise to the customer: first response (the apology) and resolution (the fix) against the SLA policy,
/// with the clock paused while waiting for the customer. The deadlines are stored so a queue can sort and
/// filter by them; they are recomputed at every change.
/// </summary>
public sealed partial class RecoveryCase
{
    private readonly List<WaitingPeriod> _waitingPeriods = [];

    public IReadOnlyList<WaitingPeriod> WaitingPeriods => _waitingPeriods.AsReadOnly();

    /// <summary>When the customer was first responded to (the apology).</summary>
    public DateTimeOffset? FirstRespondedAt { get; private set; }

    /// <summary>When the problem was first fixed.</summary>
    public DateTimeOffset? ResolvedAt { get; private set; }

    /// <summary>Set while the case waits for the customer (the SLA clock is paused).</summary>
    public DateTimeOffset? WaitingSince { get; private set; }

    /// <summary>
    /// The next SLA deadline (first response, then resolution); null when met or closed, and while paused unless it
    /// was already breached before the pause (then it keeps the breach instant: a pause never hides a breach).
    /// </summary>
    public DateTimeOffset? SlaDueAt { get; private set; }

    /// <summary>When the case becomes "at risk" (80 % of the time used); null like <see cref="SlaDueAt"/>.</summary>
    public DateTimeOffset? SlaAtRiskAt { get; private set; }

    public bool IsWaitingForCustomer => WaitingSince is not null;

    /// <summary>Pauses the SLA clock: the ball is in the customer's court (a photo, a date, a decision).</summary>
    public void WaitForCustomer(string reason, ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        EnsureMayAct(ctx.Actor);
        if (IsTerminal)
        {
            throw new DomainException(Transitions.Refusal(Stage, CaseAction.Apologize), "case.transition_refused");
        }

        if (IsWaitingForCustomer)
        {
            throw new DomainException("This case is already waiting for the customer.", "sla.already_waiting");
        }

        var checkedReason = Guard.Required(reason, "What the case is waiting for");
        _waitingPeriods.Add(new WaitingPeriod(Id, checkedReason, ctx));
        WaitingSince = ctx.Now;
        Append(ctx, TimelineKinds.WaitingForCustomer, "Waiting for the customer: the SLA clock is paused", null, null, note: checkedReason);
    }

    /// <summary>The customer answered: the SLA clock runs again.</summary>
    public void CustomerAnswered(ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        EnsureMayAct(ctx.Actor);
        var open = _waitingPeriods.Find(w => w.EndedAt is null);
        if (open is null || WaitingSince is null)
        {
            throw new DomainException("This case is not waiting for the customer.", "sla.not_waiting");
        }

        open.End(ctx.Now);
        var waited = ctx.Now - WaitingSince.Value;
        WaitingSince = null;
        Append(ctx, TimelineKinds.CustomerAnswered, "The customer answered: the SLA clock runs again", null, null,
            details: waited.TotalHours >= 1 ? $"waited {waited.TotalHours:0.#} h" : $"waited {waited.TotalMinutes:0} min");
    }

    /// <summary>Recomputes the stored deadlines from the policy (call after every change of the case).</summary>
    public void RecomputeSla(SlaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (IsTerminal)
        {
            SlaDueAt = SlaAtRiskAt = null;
            return;
        }

        var targets = policy.For(Severity);
        var target = FirstRespondedAt is null && ResolvedAt is null ? targets.FirstResponse
            : ResolvedAt is null ? targets.Resolution
            : (TimeSpan?)null;
        if (target is not { } t)
        {
            SlaDueAt = SlaAtRiskAt = null;
            return;
        }

        var clock = new SlaClock(policy.Calendar, OpenedAt, _waitingPeriods.Select(w => w.ToPause()));
        SlaDueAt = clock.WhenElapsedReaches(t);
        SlaAtRiskAt = clock.WhenElapsedReaches(TimeSpan.FromTicks((long)(t.Ticks * policy.AtRiskFraction)));
    }

    /// <summary>Called by the steps: the first apology and the first fix are the SLA's milestones (and the case's measures).</summary>
    private void MarkSlaMilestones(CaseAction action, ActionContext ctx, bool atFirstContact = false)
    {
        var now = ctx.Now;
        if (action == CaseAction.Apologize)
        {
            FirstRespondedAt ??= now;
        }
        else if (action == CaseAction.Fix)
        {
            ResolvedAt ??= now;
        }

        MeasureMilestone(action, now, ctx.Sla, atFirstContact);
    }
}
