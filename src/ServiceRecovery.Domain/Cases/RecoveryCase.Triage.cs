using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Cases;

/// <summary>
/// Triage: putting a case in the right category and severity after it was logged (a web complaint comes in with the
/// configured defaults; a case logged by phone may turn out worse, or milder, than it first sounded).
/// </summary>
public sealed partial class RecoveryCase
{
    /// <summary>
    /// Changes the category and/or the severity of an open case, by someone who may act on it, with an optional reason.
    /// The caller checks that <paramref name="category"/> is one of the organisation's active categories (the domain
    /// only guards its shape, as <see cref="Log"/> does). Triage does not make a frontline user the owner of an
    /// unassigned case: sorting the pool is not taking the case on.
    /// <para>
    /// A new severity means new SLA targets: the deadlines are recomputed from the opening with the new severity's
    /// targets by the same rule every change uses (<see cref="RecomputeSla"/>, through <see cref="Append"/> with the
    /// policy in <paramref name="ctx"/>). Measures already recorded (<see cref="FirstResponseBusinessMinutes"/>,
    /// <see cref="FirstResponseMetSla"/>, and the resolution's) stay as they were measured at the time, against the
    /// target that applied then: a later re-grading does not rewrite history.
    /// </para>
    /// </summary>
    public void Recategorize(string category, Severity severity, string? reason, ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        EnsureMayAct(ctx.Actor);
        if (IsTerminal)
        {
            throw new DomainException(Transitions.TerminalMessage(Stage), "case.transition_refused");
        }

        var checkedCategory = Guard.Required(category, "The category", FieldLimits.Category);
        var checkedSeverity = Guard.Defined(severity, "The severity");
        var checkedReason = Guard.Optional(reason, "The reason for the change");
        var categoryChanged = !string.Equals(checkedCategory, Category, StringComparison.Ordinal);
        var severityChanged = checkedSeverity != Severity;
        if (!categoryChanged && !severityChanged)
        {
            throw new DomainException(
                $"Nothing changed: the case is already {Category}, severity {DisplayNames.Of(Severity)}. Choose another category or severity, or cancel.",
                "case.same_triage");
        }

        // The summary says both values (old → new); no details line to repeat them.
        var summary = (categoryChanged, severityChanged) switch
        {
            (true, true) => $"Category changed from {Category} to {checkedCategory}; severity {DisplayNames.Of(Severity)} → {DisplayNames.Of(checkedSeverity)}",
            (true, false) => $"Category changed from {Category} to {checkedCategory}",
            _ => $"Severity changed from {DisplayNames.Of(Severity)} to {DisplayNames.Of(checkedSeverity)}",
        };

        Category = checkedCategory;
        Severity = checkedSeverity;
        Append(ctx, TimelineKinds.Recategorized, summary, fromStage: null, toStage: null, note: checkedReason);
    }
}
