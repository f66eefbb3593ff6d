using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Cases;

/// <summary>
/// The root cause of the failure (step 3 of service recovery: classify it, so that its process owner can fix the
/// system). Required before a case closes as recovered, unsatisfied or unreachable; a withdrawn case needs none.
/// </summary>
public sealed partial class RecoveryCase
{
    public const string RootCauseRequiredCode = "case.root_cause_required";

    /// <summary>The taxonomy leaf (by id: a rename of the leaf keeps pointing here); null until classified.</summary>
    public Guid? RootCauseId { get; private set; }

    /// <summary>What the staff member added about the cause (free text, personal data possible: do not log).</summary>
    public string? RootCauseNote { get; private set; }

    public bool HasRootCause => RootCauseId is not null;

    /// <summary>
    /// Records (or changes) the root cause. Open cases only, by someone who may act on the case; the leaf must be
    /// active. Each call writes a timeline entry with the names as they are now ("old → new").
    /// </summary>
    /// <param name="cause">The chosen leaf, read from the taxonomy now.</param>
    /// <param name="current">The leaf the case points at now (null when none); must be <see cref="RootCauseId"/>'s leaf.</param>
    public void ClassifyRootCause(RootCauseLeaf cause, string? note, RootCauseLeaf? current, ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(cause);
        ArgumentNullException.ThrowIfNull(ctx);
        if (current?.Id != RootCauseId)
        {
            throw new ArgumentException("The current root cause given is not the case's.", nameof(current));
        }

        EnsureMayAct(ctx.Actor);
        if (IsTerminal)
        {
            throw new DomainException(Transitions.TerminalMessage(Stage), "case.transition_refused");
        }

        if (cause.Id == Guid.Empty)
        {
            throw new DomainException("Choose the root cause.", "validation.required");
        }

        var checkedNote = Guard.Optional(note, "The note on the root cause");
        if (cause.Id == RootCauseId && checkedNote == RootCauseNote)
        {
            throw new DomainException($"The root cause is already {cause.FullName}.", "case.same_root_cause");
        }

        if (!cause.IsActive && cause.Id != RootCauseId)
        {
            throw new DomainException(
                $"“{cause.FullName}” is no longer in use; choose another root cause.", "case.root_cause_inactive");
        }

        TakeOverIfUnassigned(ctx);
        var before = current?.FullName ?? "none";
        RootCauseId = cause.Id;
        RootCauseNote = checkedNote;
        Append(
            ctx,
            TimelineKinds.RootCauseClassified,
            current is null ? $"Recorded the root cause: {cause.FullName}" : $"Changed the root cause to {cause.FullName}",
            fromStage: null,
            toStage: null,
            details: $"{before} → {cause.FullName}",
            note: checkedNote);
    }

    /// <summary>The refusal when the case would close with <paramref name="outcome"/> and has no root cause yet.</summary>
    private void EnsureRootCauseBeforeClosing(CaseOutcome outcome)
    {
        if (outcome == CaseOutcome.Withdrawn || HasRootCause)
        {
            return;
        }

        throw new DomainException(
            "Record the root cause before closing: what in the hotel caused this problem? Choose it on the case's root-cause step, then close the case.",
            RootCauseRequiredCode);
    }
}
