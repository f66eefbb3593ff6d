using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Customers;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Everything the case page and the step pages show about one case, for the person looking at it.</summary>
public sealed record CaseView(
    Guid Id,
    string Reference,
    Guid CustomerId,
    string CustomerName,
    CustomerTier CustomerTier,
    int CustomerCasesLast12Months,
    Channel Channel,
    string Category,
    Severity Severity,
    Stage Stage,
    CaseOutcome? Outcome,
    string? OwnerName,
    DateTimeOffset OpenedAt,
    string OpenedByName,
    string? CustomerExpected,
    string WhatHappened,
    string? CustomerWants,
    decimal? TransactionValue,
    string? Currency,
    string? ClosingNote,
    DateOnly? FollowUpDueOn,
    int FollowUpAttempts,
    int ReopenCount,
    IReadOnlyList<StepProgress> Progress,
    IReadOnlyList<CaseAction> AllowedActions,
    Apology? Apology,
    ListeningNote? ListeningNote,
    IReadOnlyList<FixRecord> Fixes,
    IReadOnlyList<Atonement> Atonements,
    IReadOnlyList<FollowUp> FollowUps,
    uint Version,
    int LastTimelineSequence,
    IReadOnlyList<TimelineLine> Timeline)
{
    public bool IsTerminal => Transitions.IsTerminal(Stage);

    /// <summary>The customer's repeated-compensation flag (set when the case is loaded for display).</summary>
    public Approvals.CustomerFlag? CustomerFlag { get; init; }

    /// <summary>Where the case stands against its SLA right now.</summary>
    public Domain.Sla.SlaEvaluation? Sla { get; init; }

    public bool IsWaitingForCustomer { get; init; }

    public Guid? OwnerId { get; init; }

    /// <summary>What the person looking at the case may do about its owner (from the aggregate).</summary>
    public OwnerChange OwnerChange { get; init; }

    /// <summary>Why this person may not change the owner (the domain's words), or null.</summary>
    public string? OwnerChangeRefusal { get; init; }

    /// <summary>Why this person may not decide the pending gesture (the domain's words), or null.</summary>
    public string? DecisionRefusal { get; init; }
}

public sealed record TimelineLine(int Sequence, DateTimeOffset At, string ActorName, string Summary, Stage? FromStage, Stage? ToStage, string? Details, string? Note);

/// <summary>Result of looking a case up for someone: found and visible, not there, or not theirs.</summary>
public enum CaseVisibility
{
    Visible,
    NotFound,
    Forbidden,
}

public static class CaseViews
{
    /// <summary>
    /// Loads the case for display. Visibility follows the domain's rule for acting on a case (frontline: their
    /// own and unassigned cases; supervisors and managers: all); the allowed actions come from the aggregate.
    /// </summary>
    public static async Task<(CaseVisibility Visibility, CaseView? View)> LoadAsync(
        AppDbContext db, CaseActors actors, Approvals.CompensationContext compensation, Queue.SlaPolicies policies, string reference, bool withTimeline, int timelineAfter, CancellationToken ct)
    {
        var recoveryCase = await db.Cases.WithSteps().SingleOrDefaultAsync(c => c.Reference == reference, ct);
        if (recoveryCase is null)
        {
            return (CaseVisibility.NotFound, null);
        }

        var actor = actors.Actor;
        if (!recoveryCase.MayBeActedOnBy(actor))
        {
            return (CaseVisibility.Forbidden, null);
        }

        var version = db.Entry(recoveryCase).Property<uint>("Version").CurrentValue;
        var yearAgo = actors.Now.AddYears(-1);
        var customer = await db.Customers.AsNoTracking()
            .Where(c => c.Id == recoveryCase.CustomerId)
            .Select(c => new { c.Name, c.Tier, Recent = db.Cases.Count(rc => rc.CustomerId == c.Id && rc.OpenedAt >= yearAgo) })
            .SingleAsync(ct);
        IReadOnlyList<TimelineLine> timeline = withTimeline || timelineAfter >= 0
            ? await db.Timeline.AsNoTracking()
                .Where(t => t.CaseId == recoveryCase.Id && t.Sequence > Math.Max(timelineAfter, 0))
                .OrderByDescending(t => t.Sequence)
                .Select(t => new TimelineLine(t.Sequence, t.At, t.ActorName, t.Summary, t.FromStage, t.ToStage, t.Details, t.Note))
                .ToListAsync(ct)
            : [];

        var view = new CaseView(
            recoveryCase.Id, recoveryCase.Reference, recoveryCase.CustomerId, customer.Name, customer.Tier, customer.Recent,
            recoveryCase.Channel, recoveryCase.Category, recoveryCase.Severity, recoveryCase.Stage, recoveryCase.Outcome,
            recoveryCase.OwnerName, recoveryCase.OpenedAt, recoveryCase.OpenedByName, recoveryCase.CustomerExpected,
            recoveryCase.WhatHappened, recoveryCase.CustomerWants, recoveryCase.TransactionValue, recoveryCase.Currency,
            recoveryCase.ClosingNote, recoveryCase.FollowUpDueOn, recoveryCase.FollowUpAttempts, recoveryCase.ReopenCount,
            recoveryCase.Progress, recoveryCase.AllowedActionsFor(actor), recoveryCase.Apology, recoveryCase.ListeningNote,
            [.. recoveryCase.Fixes.OrderBy(f => f.Number)], [.. recoveryCase.Atonements.OrderBy(a => a.Number)],
            [.. recoveryCase.FollowUps.OrderBy(f => f.Number)], version, recoveryCase.LastTimelineSequence, timeline)
        {
            CustomerFlag = await compensation.FlagAsync(recoveryCase.CustomerId, ct),
            IsWaitingForCustomer = recoveryCase.IsWaitingForCustomer,
            OwnerId = recoveryCase.OwnerId,
            OwnerChange = recoveryCase.OwnerChangeFor(actor),
            OwnerChangeRefusal = recoveryCase.OwnerChangeRefusal(actor),
            DecisionRefusal = recoveryCase.DecisionRefusal(actor),
            Sla = recoveryCase.IsTerminal ? null : Domain.Sla.SlaCalculator.Evaluate(
                await policies.GetAsync(ct), recoveryCase.Severity, recoveryCase.OpenedAt, recoveryCase.FirstRespondedAt,
                recoveryCase.ResolvedAt, [.. recoveryCase.WaitingPeriods.Select(w => w.ToPause())], actors.Now),
        };
        return (CaseVisibility.Visible, view);
    }

    /// <summary>The page of each action, relative to the case page.</summary>
    public static string PathOf(string reference, CaseAction action) => action switch
    {
        CaseAction.Apologize => Routes.Case(reference, "apologize"),
        CaseAction.Listen => Routes.Case(reference, "listen"),
        CaseAction.Fix => Routes.Case(reference, "fix"),
        CaseAction.Atone => Routes.Case(reference, "atone"),
        CaseAction.ScheduleFollowUp => Routes.Case(reference, "follow-up"),
        CaseAction.RecordSatisfied => Routes.Case(reference, "follow-up/outcome?outcome=Satisfied"),
        CaseAction.RecordNotSatisfied => Routes.Case(reference, "follow-up/outcome?outcome=NotSatisfied"),
        CaseAction.RecordNoAnswer => Routes.Case(reference, "follow-up/outcome?outcome=NoAnswer"),
        CaseAction.CloseUnsatisfied => Routes.Case(reference, "close-unsatisfied"),
        CaseAction.Withdraw => Routes.Case(reference, "withdraw"),
        CaseAction.ApproveAtonement or CaseAction.DeclineAtonement or CaseAction.ProposeHigherAmount => Routes.Case(reference, "decide"),
        _ => Routes.Case(reference),
    };

    /// <summary>Actions that end or set aside a case are offered quietly, not as the main button.</summary>
    public static bool IsSecondary(CaseAction action) => action is CaseAction.Withdraw or CaseAction.CloseUnsatisfied;

    public static string Age(TimeSpan age) => age.TotalMinutes < 1 ? "just now"
        : age.TotalHours < 1 ? $"{(int)age.TotalMinutes} min"
        : age.TotalDays < 1 ? $"{(int)age.TotalHours} h"
        : $"{(int)age.TotalDays} day{((int)age.TotalDays == 1 ? "" : "s")}";

    public static string ChannelLabel(Channel channel) => DisplayNames.Of(channel);

    public static string SeverityBadge(Severity severity) => severity switch
    {
        Severity.Critical => "text-bg-danger",
        Severity.Major => "text-bg-warning",
        Severity.Moderate => "text-bg-info",
        _ => "text-bg-secondary",
    };
}

/// <summary>Model of the <c>_CaseHeader</c> partial.</summary>
/// <param name="OfferOwnerChange">Link to the assign page next to the owner (on the case page, not on the step pages).</param>
public sealed record CaseHeaderModel(CaseView Case, DateTimeOffset Now, bool OfferOwnerChange = false);

/// <summary>Model of the <c>_StepForm</c> partial.</summary>
public sealed record StepFrame(CaseStepCommand Command);

/// <summary>Model of the <c>_CaseRows</c> partial.</summary>
public sealed record CaseRowsModel(string Caption, IReadOnlyList<Mine.Row> Rows, DateTimeOffset Now);

/// <summary>Model of the <c>_MyCases</c> partial (My cases page and the frontline home).</summary>
public sealed record MyCasesModel(Mine.Result Cases, DateTimeOffset Now);
