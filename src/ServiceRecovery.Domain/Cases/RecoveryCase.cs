using System.Globalization;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Cases.Events;
using ServiceRecovery.Domain.Compensation;
using ServiceRecovery.Domain.Surveys;

namespace ServiceRecovery.Domain.Cases;

/// <summary>
/// A complaint being recovered: the aggregate root. Every intention is a method that checks who may act,
/// checks <see cref="Transitions"/> (plus its guards), validates its input, then changes the case and
/// appends one <see cref="TimelineEntry"/>. Anything not allowed throws <see cref="DomainException"/>;
/// nothing is changed by a refused call.
/// </summary>
public sealed partial class RecoveryCase
{
    private readonly List<FixRecord> _fixes = [];
    private readonly List<Atonement> _atonements = [];
    private readonly List<FollowUp> _followUps = [];
    private readonly List<TimelineEntry> _timeline = [];
    private readonly List<CompensationEntry> _ledger = [];
    private readonly List<ICaseEvent> _events = [];

    private RecoveryCase()
    {
        Reference = Category = WhatHappened = OpenedByName = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>Human reference such as <c>SR-2026-000123</c>, see <see cref="CaseReference"/>.</summary>
    public string Reference { get; private set; }

    public Guid CustomerId { get; private set; }

    public Channel Channel { get; private set; }

    public string Category { get; private set; }

    public Severity Severity { get; private set; }

    /// <summary>What the customer expected to get.</summary>
    public string? CustomerExpected { get; private set; }

    /// <summary>What happened, in the customer's own words.</summary>
    public string WhatHappened { get; private set; }

    /// <summary>What the customer wants done about it.</summary>
    public string? CustomerWants { get; private set; }

    public decimal? TransactionValue { get; private set; }

    /// <summary>3-letter code of <see cref="TransactionValue"/>; also the default currency of gestures.</summary>
    public string? Currency { get; private set; }

    public Guid? OwnerId { get; private set; }

    public string? OwnerName { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public Guid OpenedById { get; private set; }

    public string OpenedByName { get; private set; }

    public Stage Stage { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Null while open.</summary>
    public CaseOutcome? Outcome { get; private set; }

    /// <summary>Set when withdrawn.</summary>
    public WithdrawReason? WithdrawReason { get; private set; }

    /// <summary>The note given when the case was closed unsatisfied or withdrawn.</summary>
    public string? ClosingNote { get; private set; }

    /// <summary>How many times the customer was not satisfied at follow-up and the case went back to fixing.</summary>
    public int ReopenCount { get; private set; }

    /// <summary>
    /// Follow-up attempts without an answer in the current round (reset when a follow-up is scheduled or the
    /// case is reopened). The <see cref="Transitions.MaxNoAnswerAttempts"/>th closes the case as Unreachable.
    /// </summary>
    public int FollowUpAttempts { get; private set; }

    /// <summary>When the next follow-up is due; null unless the stage is FollowUpDue.</summary>
    public DateOnly? FollowUpDueOn { get; private set; }

    /// <summary>The <see cref="TimelineEntry.Sequence"/> of the last entry written (so the timeline need not be loaded to append).</summary>
    public int LastTimelineSequence { get; private set; }

    public Apology? Apology { get; private set; }

    public ListeningNote? ListeningNote { get; private set; }

    public IReadOnlyList<FixRecord> Fixes => _fixes.AsReadOnly();

    public IReadOnlyList<Atonement> Atonements => _atonements.AsReadOnly();

    public IReadOnlyList<FollowUp> FollowUps => _followUps.AsReadOnly();

    /// <summary>Ledger lines appended since the case was loaded (like the timeline, it need not be loaded to append).</summary>
    public IReadOnlyList<CompensationEntry> Ledger => _ledger.AsReadOnly();

    /// <summary>The gesture waiting for a supervisor's decision, if any.</summary>
    public Atonement? PendingAtonement => _atonements.Find(a => a.Status == AtonementStatus.PendingApproval);

    /// <summary>What happened to the case since it was loaded (or since <see cref="ClearEvents"/>), for the app to dispatch.</summary>
    public IReadOnlyList<ICaseEvent> Events => _events.AsReadOnly();

    /// <summary>Entries appended since the case was loaded, or all of them when the timeline was loaded.</summary>
    public IReadOnlyList<TimelineEntry> Timeline => _timeline.AsReadOnly();

    public FixRecord? LatestFix => _fixes.MaxBy(f => f.Number);

    public Atonement? LatestAtonement => _atonements.MaxBy(a => a.Number);

    public FollowUp? LatestFollowUp => _followUps.MaxBy(f => f.Number);

    /// <summary>The follow-up waiting for an outcome; null unless the stage is FollowUpDue.</summary>
    public FollowUp? PendingFollowUp => Stage == Stage.FollowUpDue
        ? _followUps.Where(f => f.Outcome is null).MaxBy(f => f.Number)
        : null;

    public bool HasApprovedAtonement => _atonements.Exists(a => a.Status == AtonementStatus.Approved);

    /// <summary>What the case has granted so far: the approved gestures of value (the running total limits measure).</summary>
    public decimal GrantedTotal => _atonements.Where(a => a.Status == AtonementStatus.Approved && a.IsMoney).Sum(a => a.Amount!.Value);

    public bool IsTerminal => Transitions.IsTerminal(Stage);

    /// <summary>
    /// The actions that would succeed now (for an actor allowed to act on the case): the table's rows for the
    /// stage with their guards applied. Empty when the case is terminal. The UI shows exactly these buttons.
    /// </summary>
    public IReadOnlyList<CaseAction> AllowedActions =>
        [.. Transitions.AllowedFrom(Stage).Where(GuardAllows)];

    /// <summary>The five recovery steps with their state, for a progress indicator.</summary>
    public IReadOnlyList<StepProgress> Progress => Stage == Stage.Withdrawn
        ?
        [
            Step(RecoveryStep.Apologize, Apology is not null),
            Step(RecoveryStep.Empathize, ListeningNote is not null),
            Step(RecoveryStep.Fix, _fixes.Count > 0),
            Step(RecoveryStep.Atone, HasApprovedAtonement),
            Step(RecoveryStep.FollowUp, _followUps.Exists(f => f.Outcome is not null)),
        ]
        : RecoveryProgress.For(Stage);

    /// <summary>Opens a case. The reference number comes from a database sequence.</summary>
    public static RecoveryCase Log(
        string reference,
        Guid customerId,
        Channel channel,
        string category,
        Severity severity,
        string? expected,
        string whatHappened,
        string? wants,
        decimal? transactionValue,
        string? currency,
        Guid? ownerId,
        string? ownerName,
        ActionContext ctx,
        int? npsBefore = null)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (ctx.Actor.Roles == StaffRole.None)
        {
            throw new CaseAccessDeniedException("You need a staff role to log a complaint.");
        }

        EnsureOpenable(reference, customerId, transactionValue);
        var checkedCurrency = transactionValue is null && string.IsNullOrWhiteSpace(currency)
            ? null
            : Guard.Currency(currency, "The currency of the transaction value");

        if (ownerId == Guid.Empty)
        {
            ownerId = null;
        }

        var checkedOwnerName = ownerId is null
            ? null
            : Guard.Required(ownerName, "The owner's name", FieldLimits.PersonName);

        var recoveryCase = Opened(
            reference, customerId, Guard.Defined(channel, "The channel"), category, severity, expected, whatHappened, wants,
            transactionValue, checkedCurrency, ctx.Actor.Name, ctx);
        recoveryCase.OwnerId = ownerId;
        recoveryCase.OwnerName = checkedOwnerName;
        recoveryCase.NpsBefore = npsBefore?.CheckNps("The customer's “before” NPS");
        recoveryCase.Append(
            ctx,
            TimelineKinds.Logged,
            "Logged the complaint",
            fromStage: null,
            toStage: Stage.Logged,
            details: $"{DisplayNames.Of(severity)} via {DisplayNames.Of(channel)}, owner {checkedOwnerName ?? "unassigned"}");
        recoveryCase.Raise(new CaseLogged(recoveryCase.Id, reference, customerId, recoveryCase.Channel, recoveryCase.Severity, ownerId is not null, ctx.Now));
        return recoveryCase;
    }

    /// <summary>What every new case is checked for, whoever opens it (<see cref="Log"/>, <see cref="LogFromCustomer"/>).</summary>
    private static void EnsureOpenable(string reference, Guid customerId, decimal? transactionValue)
    {
        if (!CaseReference.IsValid(reference))
        {
            throw new DomainException(
                $"\"{reference}\" is not a case reference like SR-2026-000123.", "case.invalid_reference");
        }

        if (customerId == Guid.Empty)
        {
            throw new DomainException("Choose the customer who complained.", "case.customer_required");
        }

        if (transactionValue < 0)
        {
            throw new DomainException("The transaction value cannot be negative.", "case.negative_value");
        }
    }

    /// <summary>A new case in <see cref="Stage.Logged"/>, unassigned, with the complaint's texts guarded; the caller records how it came in.</summary>
    private static RecoveryCase Opened(
        string reference, Guid customerId, Channel channel, string category, Severity severity, string? expected, string whatHappened,
        string? wants, decimal? transactionValue, string? checkedCurrency, string openedByName, ActionContext ctx) => new()
    {
        Id = Guid.CreateVersion7(ctx.Now),
        Reference = reference,
        CustomerId = customerId,
        Channel = channel,
        Category = Guard.Required(category, "The category", FieldLimits.Category),
        Severity = Guard.Defined(severity, "The severity"),
        CustomerExpected = Guard.Optional(expected, "What the customer expected"),
        WhatHappened = Guard.Required(whatHappened, "What happened"),
        CustomerWants = Guard.Optional(wants, "What the customer wants"),
        TransactionValue = transactionValue,
        Currency = checkedCurrency,
        OpenedAt = ctx.Now,
        OpenedById = ctx.Actor.UserId,
        OpenedByName = openedByName,
        Stage = Stage.Logged,
    };

    /// <summary>
    /// Frontline staff may act on cases they own or that are unassigned (acting on an unassigned case makes
    /// them the owner); Supervisor, Manager and Admin on any case.
    /// </summary>
    public bool MayBeActedOnBy(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.MayActOnAnyCase
            || (actor.IsFrontline && (OwnerId is null || OwnerId == actor.UserId));
    }

    /// <summary>Throws <see cref="CaseAccessDeniedException"/> unless <see cref="MayBeActedOnBy"/>.</summary>
    public void EnsureMayAct(Actor actor)
    {
        if (MayBeActedOnBy(actor))
        {
            return;
        }

        throw new CaseAccessDeniedException(actor.IsFrontline
            ? $"This case belongs to {OwnerName}; only {OwnerName} or a supervisor can work on it."
            : "You need a frontline or supervisor role to work on cases.");
    }

    /// <summary><see cref="AllowedActions"/> for this actor: empty when they may not act on the case.</summary>
    public IReadOnlyList<CaseAction> AllowedActionsFor(Actor actor) => MayBeActedOnBy(actor)
        ? [.. AllowedActions.Where(a => a is not (CaseAction.ApproveAtonement or CaseAction.DeclineAtonement or CaseAction.ProposeHigherAmount) || MayDecide(actor))]
        : [];

    public void Apologize(string words, IReadOnlyList<CoachingHint> hints, ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(hints);
        var to = Require(CaseAction.Apologize, ctx);
        var checkedWords = Guard.Required(words, "The apology");

        TakeOverIfUnassigned(ctx);
        MarkSlaMilestones(CaseAction.Apologize, ctx);
        Apology = new Apology(Id, checkedWords, string.Join("; ", hints.Select(h => h.Phrase).Distinct()), ctx);
        MoveTo(
            to,
            ctx,
            TimelineKinds.Apologized,
            "Apologized to the customer",
            details: hints.Count == 0 ? null : Invariant($"{hints.Count} coaching hint(s)"));
    }

    public void Listen(string customerFeels, string? customerWouldLike, ActionContext ctx)
    {
        var to = Require(CaseAction.Listen, ctx);
        var feels = Guard.Required(customerFeels, "How the customer feels");
        var wouldLike = Guard.Optional(customerWouldLike, "What the customer would like");

        TakeOverIfUnassigned(ctx);
        ListeningNote = new ListeningNote(Id, feels, wouldLike, ctx);
        MoveTo(to, ctx, TimelineKinds.Listened, "Listened to the customer");
    }

    public void Fix(string whatWasDone, bool resolvedAtFirstContact, ActionContext ctx)
    {
        var to = Require(CaseAction.Fix, ctx);
        var done = Guard.Required(whatWasDone, "What was done to fix it");

        TakeOverIfUnassigned(ctx);
        MarkSlaMilestones(CaseAction.Fix, ctx, resolvedAtFirstContact);
        _fixes.Add(new FixRecord(Id, _fixes.Count + 1, done, resolvedAtFirstContact, ctx));
        MoveTo(
            to,
            ctx,
            TimelineKinds.Fixed,
            resolvedAtFirstContact ? "Fixed the problem at first contact" : "Fixed the problem");
    }

    /// <summary>
    /// Records a gesture. Apology-only (with a reason) is approved at once. A gesture of value is approved at once
    /// only when it fits the proposer's <paramref name="empowerment"/> as a running total: the case's granted
    /// gestures plus this one, and the customer's granted total in the abuse window plus this one, within the
    /// proposer's limit, and the customer not flagged. Otherwise it waits in AtonementPendingApproval for a supervisor.
    /// </summary>
    /// <param name="currency">Null to use the case's currency.</param>
    /// <param name="empowerment">The proposer's limit and the customer's compensation, read under the customer's lock.</param>
    public void RecordAtonement(
        GestureType gesture,
        decimal? amount,
        string? currency,
        string? description,
        Empowerment empowerment,
        ActionContext ctx,
        string? guidanceNote = null)
    {
        ArgumentNullException.ThrowIfNull(empowerment);
        ArgumentOutOfRangeException.ThrowIfNegative(empowerment.Limit);
        Require(CaseAction.Atone, ctx);
        var proposal = CheckGesture(gesture, amount, currency, description);
        var needsApprovalBecause = proposal.Amount is { } value ? empowerment.WhyApprovalIsNeeded(GrantedTotal, value) : null;
        var proposerLimit = empowerment.Limit;

        TakeOverIfUnassigned(ctx);
        var atonement = AddGesture(proposal, proposerLimit, needsApprovalBecause, guidanceNote, ctx);
        if (atonement.IsMoney)
        {
            _ledger.Add(new CompensationEntry(this, atonement, LedgerKind.Proposed, atonement.Amount!.Value, ctx));
        }

        if (needsApprovalBecause is not null)
        {
            Raise(new GestureProposed(Id, Reference, atonement.Id, ctx.Actor.UserId, proposal.Amount!.Value, proposal.Currency, needsApprovalBecause, ctx.Now));
            MoveTo(
                Stage.AtonementPendingApproval,
                ctx,
                TimelineKinds.AtonementProposed,
                Invariant($"Proposed a gesture: {DisplayNames.Of(proposal.Gesture)} worth {proposal.Amount:0.00} {proposal.Currency} — waiting for a supervisor ({needsApprovalBecause})"),
                details: guidanceNote,
                note: proposal.Description);
            return;
        }

        if (atonement.IsMoney)
        {
            _ledger.Add(new CompensationEntry(this, atonement, LedgerKind.Approved, atonement.Amount!.Value, ctx));
        }

        MoveTo(
            Stage.Atoned,
            ctx,
            TimelineKinds.Atoned,
            proposal.Amount is { } given
                ? Invariant($"Gave a gesture: {DisplayNames.Of(proposal.Gesture)} worth {given:0.00} {proposal.Currency}")
                : "Apologized without a gesture of value",
            details: guidanceNote,
            note: proposal.Description);
    }

    /// <summary>Schedules the follow-up call; <paramref name="dueOn"/> may be today but not earlier.</summary>
    public void ScheduleFollowUp(DateOnly dueOn, ActionContext ctx)
    {
        var to = Require(CaseAction.ScheduleFollowUp, ctx);
        EnsureNotInPast(dueOn, ctx);

        TakeOverIfUnassigned(ctx);
        FollowUpAttempts = 0;
        _followUps.Add(new FollowUp(Id, _followUps.Count + 1, attempt: 1, dueOn, ctx));
        FollowUpDueOn = dueOn;
        MoveTo(
            to,
            ctx,
            TimelineKinds.FollowUpScheduled,
            Invariant($"Scheduled a follow-up for {dueOn:yyyy-MM-dd}"),
            details: Invariant($"due → {dueOn:yyyy-MM-dd}"));
    }

    /// <summary>
    /// Records how the due follow-up went. Satisfied: closed as Recovered. NotSatisfied (note = why, required):
    /// reopened back to Listened. NoAnswer: another attempt due on <paramref name="nextDueOn"/> (default: the
    /// next business day); the <see cref="Transitions.MaxNoAnswerAttempts"/>th no-answer closes the case as Unreachable.
    /// </summary>
    public void RecordFollowUpOutcome(
        FollowUpOutcome outcome,
        string? note,
        ActionContext ctx,
        DateOnly? nextDueOn = null)
    {
        var action = outcome switch
        {
            FollowUpOutcome.Satisfied => CaseAction.RecordSatisfied,
            FollowUpOutcome.NotSatisfied => CaseAction.RecordNotSatisfied,
            FollowUpOutcome.NoAnswer => CaseAction.RecordNoAnswer,
            _ => throw new DomainException("Choose how the follow-up went.", "validation.unknown_value"),
        };
        var to = Require(action, ctx);
        var followUp = PendingFollowUp
            ?? throw new InvalidOperationException("A case in FollowUpDue always has a pending follow-up.");

        switch (outcome)
        {
            case FollowUpOutcome.Satisfied:
                RecordSatisfied(followUp, Guard.Optional(note, "The follow-up note"), to, ctx);
                break;
            case FollowUpOutcome.NotSatisfied:
                RecordNotSatisfied(followUp, Guard.Required(note, "Why the customer is not satisfied"), to, ctx);
                break;
            default:
                RecordNoAnswer(followUp, Guard.Optional(note, "The follow-up note"), to, ctx, nextDueOn);
                break;
        }
    }

    /// <summary>At follow-up, the customer is still unhappy and nothing more will be done ("some people will never be happy").</summary>
    public void CloseUnsatisfied(string note, ActionContext ctx)
    {
        var to = Require(CaseAction.CloseUnsatisfied, ctx);
        var checkedNote = Guard.Required(note, "Why the case is closed unsatisfied");
        EnsureRootCauseBeforeClosing(CaseOutcome.Unsatisfied);

        TakeOverIfUnassigned(ctx);
        PendingFollowUp?.RecordOutcome(FollowUpOutcome.NotSatisfied, checkedNote, ctx);
        Close(CaseOutcome.Unsatisfied, ctx);
        ClosingNote = checkedNote;
        MoveTo(
            to,
            ctx,
            TimelineKinds.ClosedUnsatisfied,
            "Closed without recovery: the customer remains unsatisfied",
            note: checkedNote);
    }

    /// <summary>Takes a duplicate or mistaken case out of the queues.</summary>
    public void Withdraw(WithdrawReason reason, string note, ActionContext ctx)
    {
        var to = Require(CaseAction.Withdraw, ctx);
        Guard.Defined(reason, "The reason for withdrawing");
        var checkedNote = Guard.Required(note, "A note on why the case is withdrawn");

        TakeOverIfUnassigned(ctx);
        Close(CaseOutcome.Withdrawn, ctx);
        WithdrawReason = reason;
        ClosingNote = checkedNote;
        MoveTo(
            to,
            ctx,
            TimelineKinds.Withdrawn,
            reason == Cases.WithdrawReason.Duplicate ? "Withdrawn as a duplicate" : "Withdrawn: logged in error",
            note: checkedNote);
    }

    /// <summary>
    /// Gives the case an owner. Supervisors and managers may assign any open case; frontline staff may only
    /// take an unassigned case themselves. A reason is required when replacing an owner.
    /// </summary>
    public void Assign(Guid ownerId, string ownerName, string? reason, ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var actor = ctx.Actor;
        var takingUnassigned = OwnerId is null && ownerId == actor.UserId && actor.IsFrontline;
        if (!actor.IsSupervisorOrAbove && !takingUnassigned)
        {
            throw new CaseAccessDeniedException(OwnerId is null
                ? "You can take this unassigned case yourself; only a supervisor can assign it to someone else."
                : OnlySupervisorsReassign);
        }

        if (IsTerminal)
        {
            throw new DomainException(Transitions.TerminalMessage(Stage), "case.transition_refused");
        }

        if (ownerId == Guid.Empty)
        {
            throw new DomainException("Choose who should own the case.", "validation.required");
        }

        var name = Guard.Required(ownerName, "The owner's name", FieldLimits.PersonName);
        if (OwnerId == ownerId)
        {
            throw new DomainException($"This case is already assigned to {OwnerName}.", "case.same_owner");
        }

        var checkedReason = OwnerId is null
            ? Guard.Optional(reason, "The reason for the reassignment")
            : Guard.Required(reason, "The reason for the reassignment");

        var before = OwnerName ?? "unassigned";
        OwnerId = ownerId;
        OwnerName = name;
        Append(
            ctx,
            TimelineKinds.Assigned,
            $"Assigned the case to {name}",
            fromStage: null,
            toStage: null,
            details: $"{before} → {name}",
            note: checkedReason);
    }

    /// <summary>
    /// What <paramref name="actor"/> may do about the case's owner, for the UI (<see cref="Assign"/> and
    /// <see cref="Unassign"/> enforce the same rules): supervisors and managers reassign any open case, frontline
    /// staff take an unassigned one, nobody changes the owner of a finished case.
    /// </summary>
    /// <summary>Why <paramref name="actor"/> may not change the owner, in words for the assign page; null when they may.</summary>
    public string? OwnerChangeRefusal(Actor actor) => OwnerChangeFor(actor) != OwnerChange.None ? null
        : IsTerminal ? Transitions.TerminalMessage(Stage)
        : actor.IsFrontline && OwnerId is not null ? OnlySupervisorsReassign
        : "Only a supervisor or manager can assign cases.";

    private const string OnlySupervisorsReassign = "Only a supervisor can reassign a case that already has an owner.";

    public OwnerChange OwnerChangeFor(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return IsTerminal ? OwnerChange.None
            : actor.IsSupervisorOrAbove ? OwnerChange.Reassign
            : actor.IsFrontline && OwnerId is null ? OwnerChange.Take
            : OwnerChange.None;
    }

    /// <summary>
    /// Returns the case to the unassigned pool, with a reason. Supervisors and managers only; an open case
    /// that has an owner.
    /// </summary>
    public void Unassign(string? reason, ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (!ctx.Actor.IsSupervisorOrAbove)
        {
            throw new CaseAccessDeniedException("Only a supervisor can return a case to the unassigned pool.");
        }

        if (IsTerminal)
        {
            throw new DomainException(Transitions.TerminalMessage(Stage), "case.transition_refused");
        }

        if (OwnerId is null)
        {
            throw new DomainException("This case is already in the unassigned pool.", "case.already_unassigned");
        }

        var checkedReason = Guard.Required(reason, "The reason for returning the case to the unassigned pool");

        var before = OwnerName;
        OwnerId = null;
        OwnerName = null;
        Append(
            ctx,
            TimelineKinds.Unassigned,
            "Returned the case to the unassigned pool",
            fromStage: null,
            toStage: null,
            details: $"{before} → unassigned",
            note: checkedReason);
    }

    private GestureProposal CheckGesture(GestureType gesture, decimal? amount, string? currency, string? description)
    {
        Guard.Defined(gesture, "The kind of gesture");
        if (gesture == GestureType.ApologyOnly)
        {
            if (amount is not null and not 0)
            {
                throw new DomainException(
                    "An apology-only gesture has no amount; choose another kind of gesture to give something of value.",
                    "atonement.amount_not_allowed");
            }

            return new GestureProposal(
                gesture,
                Amount: null,
                Currency: null,
                Guard.Required(description, "The reason for an apology-only gesture"));
        }

        if (amount is not > 0)
        {
            throw new DomainException(
                "Enter the amount of the gesture (more than zero), or choose apology-only with a reason.",
                "atonement.amount_required");
        }

        var checkedCurrency = Guard.Currency(
            string.IsNullOrWhiteSpace(currency) ? Currency : currency, "The currency of the gesture");
        var checkedDescription = gesture == GestureType.Other
            ? Guard.Required(description, "A description of the gesture")
            : Guard.Optional(description, "The description of the gesture");
        return new GestureProposal(gesture, amount, checkedCurrency, checkedDescription);
    }

    private void RecordSatisfied(FollowUp followUp, string? note, Stage to, ActionContext ctx)
    {
        EnsureRootCauseBeforeClosing(CaseOutcome.Recovered);
        TakeOverIfUnassigned(ctx);
        followUp.RecordOutcome(FollowUpOutcome.Satisfied, note, ctx);
        Close(CaseOutcome.Recovered, ctx);
        MoveTo(to, ctx, TimelineKinds.Satisfied, "Followed up: the customer is satisfied; case closed as recovered", note: note);
    }

    private void RecordNotSatisfied(FollowUp followUp, string reason, Stage to, ActionContext ctx)
    {
        TakeOverIfUnassigned(ctx);
        followUp.RecordOutcome(FollowUpOutcome.NotSatisfied, reason, ctx);
        Reopen(to, "Followed up: the customer is not satisfied; case reopened to fix it again", reason, ctx);
    }

    /// <summary>The customer is not satisfied: back to fixing, the follow-up attempts start again and the reopen is counted.</summary>
    private void Reopen(Stage to, string summary, string reason, ActionContext ctx)
    {
        FollowUpAttempts = 0;
        FollowUpDueOn = null;
        ReopenCount++;
        MoveTo(to, ctx, TimelineKinds.Reopened, summary, details: Invariant($"reopened {ReopenCount - 1} → {ReopenCount}"), note: reason);
    }

    private void RecordNoAnswer(FollowUp followUp, string? note, Stage to, ActionContext ctx, DateOnly? nextDueOn)
    {
        var attempt = FollowUpAttempts + 1;
        if (attempt >= Transitions.MaxNoAnswerAttempts)
        {
            EnsureRootCauseBeforeClosing(CaseOutcome.Unreachable);
            TakeOverIfUnassigned(ctx);
            FollowUpAttempts = attempt;
            followUp.RecordOutcome(FollowUpOutcome.NoAnswer, note, ctx);
            Close(CaseOutcome.Unreachable, ctx);
            MoveTo(
                Stage.ClosedWithoutRecovery,
                ctx,
                TimelineKinds.Unreachable,
                Invariant($"Followed up: no answer after {attempt} attempts; case closed as unreachable"),
                details: Invariant($"attempt {attempt - 1} → {attempt}"),
                note: note);
            return;
        }

        var nextDue = nextDueOn ?? BusinessDays.NextBusinessDay(ctx.Today);
        EnsureNotInPast(nextDue, ctx);

        TakeOverIfUnassigned(ctx);
        FollowUpAttempts = attempt;
        followUp.RecordOutcome(FollowUpOutcome.NoAnswer, note, ctx);
        _followUps.Add(new FollowUp(Id, _followUps.Count + 1, attempt + 1, nextDue, ctx));
        FollowUpDueOn = nextDue;
        MoveTo(
            to,
            ctx,
            TimelineKinds.NoAnswer,
            Invariant($"Followed up: no answer (attempt {attempt} of {Transitions.MaxNoAnswerAttempts}); next try on {nextDue:yyyy-MM-dd}"),
            details: Invariant($"attempt {attempt - 1} → {attempt}"),
            note: note);
    }

    /// <summary>A follow-up is asked for "a day or so later": not in the past, and not more than a year ahead.</summary>
    public const int MaxFollowUpDaysAhead = 365;

    private static void EnsureNotInPast(DateOnly dueOn, ActionContext ctx)
    {
        if (dueOn < ctx.Today)
        {
            throw new DomainException(
                Invariant($"The follow-up date {dueOn:yyyy-MM-dd} is in the past; choose today or a later day."),
                "follow_up.date_in_past");
        }

        if (dueOn > ctx.Today.AddDays(MaxFollowUpDaysAhead))
        {
            throw new DomainException(
                Invariant($"The follow-up date {dueOn:yyyy-MM-dd} is more than a year ahead; choose a day within the next {MaxFollowUpDaysAhead} days."),
                "follow_up.date_too_far");
        }
    }

    private Stage Require(CaseAction action, ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        EnsureMayAct(ctx.Actor);
        if (!Transitions.TryGet(Stage, action, out var to) || !GuardAllows(action))
        {
            throw new DomainException(Transitions.Refusal(Stage, action), "case.transition_refused");
        }

        return to;
    }

    /// <summary>The guards on top of the table's rows.</summary>
    private bool GuardAllows(CaseAction action) => (Stage, action) switch
    {
        // After a reopen the case may go straight back to follow-up: it was already made up for.
        (Stage.Fixed, CaseAction.ScheduleFollowUp) => HasApprovedAtonement,
        _ => true,
    };

    private void TakeOverIfUnassigned(ActionContext ctx)
    {
        if (OwnerId is not null || ctx.Actor.MayActOnAnyCase)
        {
            return;
        }

        OwnerId = ctx.Actor.UserId;
        OwnerName = ctx.Actor.Name;
        Append(
            ctx,
            TimelineKinds.OwnerTaken,
            $"{ctx.Actor.Name} took ownership of the unassigned case",
            fromStage: null,
            toStage: null,
            details: $"unassigned → {ctx.Actor.Name}");
    }

    /// <summary>The one place a case closes: every outcome but Withdrawn needs a root cause (checked again here, whoever calls).</summary>
    private void Close(CaseOutcome outcome, ActionContext ctx)
    {
        EnsureRootCauseBeforeClosing(outcome);
        Outcome = outcome;
        ClosedAt = ctx.Now;
        FollowUpDueOn = null;
    }

    private void MoveTo(
        Stage to,
        ActionContext ctx,
        string kind,
        string summary,
        string? details = null,
        string? note = null)
    {
        var from = Stage;
        Stage = to;
        Append(ctx, kind, summary, from, to, details, note);
    }

    private void Append(
        ActionContext ctx,
        string kind,
        string summary,
        Stage? fromStage,
        Stage? toStage,
        string? details = null,
        string? note = null)
    {
        LastTimelineSequence++;
        _timeline.Add(new TimelineEntry(Id, LastTimelineSequence, ctx, kind, summary, fromStage, toStage, details, note));

        // Every change goes through here: its consequences follow it, whoever called.
        if (ctx.Sla is { } policy)
        {
            RecomputeSla(policy);
        }

        if (kind != TimelineKinds.Logged)
        {
            Raise(new StepRecorded(Id, Reference, kind, fromStage, toStage, ctx.Actor.UserId, ctx.Now));
        }

        if (toStage is { } to && fromStage != to && Transitions.IsTerminal(to))
        {
            Raise(new CaseClosed(Id, Reference, CustomerId, to, Outcome, ctx.Now));
        }
    }

    /// <summary>The events are taken by whoever dispatches them (the unit of work), once.</summary>
    public void ClearEvents() => _events.Clear();

    private void Raise(ICaseEvent caseEvent) => _events.Add(caseEvent);

    private static StepProgress Step(RecoveryStep step, bool done) =>
        new(step, done ? StepState.Done : StepState.NotYet);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A new gesture on the case: approved at once by the proposer's own empowerment, or waiting for a decision
    /// when <paramref name="needsApprovalBecause"/> says why.
    /// </summary>
    private Atonement AddGesture(GestureProposal proposal, decimal proposerLimit, string? needsApprovalBecause, string? guidanceNote, ActionContext ctx)
    {
        var atonement = new Atonement(
            Id,
            _atonements.Count + 1,
            proposal.Gesture,
            proposal.Amount,
            proposal.Currency,
            proposal.Description,
            needsApprovalBecause is null ? AtonementStatus.Approved : AtonementStatus.PendingApproval,
            proposerLimit,
            ctx);
        atonement.SetProposalNotes(needsApprovalBecause, Guard.Optional(guidanceNote, "The guidance note"));
        _atonements.Add(atonement);
        return atonement;
    }

    private sealed record GestureProposal(GestureType Gesture, decimal? Amount, string? Currency, string? Description);
}
