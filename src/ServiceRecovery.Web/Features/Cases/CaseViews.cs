using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Infrastructure.Compensation;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Cases;

public static class CaseViews
{
    /// <summary>
    /// Loads the case for display. Visibility follows the domain's rule for acting on a case (frontline: their
    /// own and unassigned cases; supervisors and managers: all); the allowed actions come from the aggregate.
    /// </summary>
    public static async Task<(CaseVisibility Visibility, CaseView? View)> LoadAsync(
        AppDbContext db, CaseActors actors, CompensationContext compensation, SlaPolicies policies, string reference, bool withTimeline, int timelineAfter, CancellationToken ct)
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
            ClosedOn = recoveryCase.ClosedAt is { } closedAt ? OrganisationDays.DayOf(closedAt, actors.TimeZone) : null,
            ReturnRefusal = recoveryCase.ReturnRefusal,
            ReturnedOn = recoveryCase.ReturnedOn,
            ReturnValue = recoveryCase.ReturnValue,
            ReturnCurrency = recoveryCase.ReturnCurrency,
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

    /// <summary>How long ago, as a phrase: "just now", "5 min ago", "2 days ago".</summary>
    public static string Ago(TimeSpan age) => age.TotalMinutes < 1 ? "just now" : $"{Age(age)} ago";

    public static string ChannelLabel(Channel channel) => DisplayNames.Of(channel);

    public static string SeverityBadge(Severity severity) => severity switch
    {
        Severity.Critical => "text-bg-danger",
        Severity.Major => "text-bg-warning",
        Severity.Moderate => "text-bg-info",
        _ => "text-bg-secondary",
    };
}
