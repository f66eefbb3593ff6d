using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Improvement;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auditing;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Infrastructure.Mediation;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Improvement;

/// <summary>
/// The process owner's inbox: per root cause they own (a manager: every cause), the cases of the last 30 or 90 days,
/// their trend per week, the compensation they cost, the repeat rate, and the improvement actions with whether the
/// cause became rarer after each was done. Cases are linked to an open action from here.
/// </summary>
[Authorize(Policy = Policies.Improvement)]
public sealed class Index(IMediator mediator) : PageModel, IFormPage
{
    public static readonly int[] Periods = [30, 90];

    public const int CasesShown = 50;

    [BindProperty(SupportsGet = true)]
    public int Days { get; set; } = 30;

    [BindProperty]
    public LinkCases Link { get; set; } = new();

    public Inbox View { get; private set; } = null!;

    public async Task OnGetAsync() => View = await mediator.Send(new Query(Periods.Contains(Days) ? Days : 30), HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostLinkAsync()
    {
        var linked = await mediator.Send(Link, HttpContext.RequestAborted);
        TempData["Flash"] = linked == 0 ? "Those cases were already linked to the action." : $"Linked {linked} case(s) to the improvement action.";
        return RedirectToPage(new { Days });
    }

    public async Task<IActionResult> RedisplayAsync(Refusal refusal)
    {
        await OnGetAsync();
        return Page();
    }

    public sealed record Query(int Days) : IRequest<Inbox>;

    public sealed record Inbox(int Days, DateOnly From, DateOnly Today, bool SeesAll, IReadOnlyList<CausePanel> Causes);

    public sealed record CausePanel(
        ImprovementScope.Cause Cause,
        IReadOnlyList<CaseRow> Cases,
        int CaseCount,
        IReadOnlyList<WeekCount> Weeks,
        IReadOnlyList<Money> Compensation,
        int Repeats,
        IReadOnlyList<ActionRow> Actions)
    {
        /// <summary>Cases whose customer had an earlier case with the same cause in the period, as a share of the period's cases.</summary>
        public decimal? RepeatRate => CaseCount == 0 ? null : Math.Round(100m * Repeats / CaseCount, 1);

        public IReadOnlyList<ActionRow> OpenActions => [.. Actions.Where(a => a.DoneOn is null)];
    }

    public sealed record CaseRow(Guid Id, string Reference, string Category, DateTimeOffset OpenedAt, Stage Stage, CaseOutcome? Outcome, IReadOnlyList<Guid> LinkedTo);

    public sealed record WeekCount(DateOnly WeekOf, int Cases);

    public sealed record Money(string Currency, decimal Amount);

    public sealed record ActionRow(Guid Id, string WhatWillChange, string OwnerName, DateOnly DueOn, DateOnly? DoneOn, int LinkedCases, RateComparison? Comparison, bool Overdue);

    internal sealed class Handler(AppDbContext db, ImprovementScope scope, CaseActors actors, IOptions<OrganisationOptions> organisation) : IRequestHandler<Query, Inbox>
    {
        public async Task<Inbox> Handle(Query request, CancellationToken cancellationToken)
        {
            var zone = organisation.Value.TimeZone;
            var today = actors.Today;
            var from = today.AddDays(-request.Days);
            var since = OrganisationDays.StartOf(from, zone);
            var causes = await scope.Causes().ToListAsync(cancellationToken);
            var causeIds = causes.Select(c => c.Id).ToList();

            var cases = await db.Cases.AsNoTracking()
                .Where(c => c.RootCauseId != null && causeIds.Contains(c.RootCauseId.Value) && c.OpenedAt >= since)
                .Select(c => new { c.Id, c.Reference, c.Category, c.OpenedAt, c.Stage, c.Outcome, c.CustomerId, CauseId = c.RootCauseId!.Value })
                .ToListAsync(cancellationToken);
            var caseIds = cases.Select(c => c.Id).ToList();
            var granted = new[] { LedgerKind.Approved, LedgerKind.Adjusted };
            var money = await db.Ledger.AsNoTracking()
                .Where(l => caseIds.Contains(l.CaseId) && granted.Contains(l.Kind))
                .Select(l => new { l.CaseId, l.Currency, l.Amount })
                .ToListAsync(cancellationToken);
            var links = await db.ImprovementActionCases.AsNoTracking().Where(l => caseIds.Contains(l.CaseId)).ToListAsync(cancellationToken);

            var actions = await db.ImprovementActions.AsNoTracking().Where(a => causeIds.Contains(a.RootCauseId))
                .OrderBy(a => a.DoneOn != null).ThenBy(a => a.DueOn)
                .Select(a => new { Action = a, Linked = db.ImprovementActionCases.Count(l => l.ActionId == a.Id) })
                .ToListAsync(cancellationToken);

            // Before/after counts per done action: N full weeks each side of the done date (N ≤ 8).
            var comparisons = new Dictionary<Guid, RateComparison>();
            foreach (var done in actions.Where(a => a.Action.DoneOn is not null))
            {
                comparisons[done.Action.Id] = await ImprovementEffect.CompareAsync(db, done.Action.RootCauseId, done.Action.DoneOn!.Value, today, zone, cancellationToken);
            }

            var panels = causes.Select(cause =>
            {
                var mine = cases.Where(c => c.CauseId == cause.Id).OrderByDescending(c => c.OpenedAt).ToList();
                var repeats = mine.Count(c => mine.Any(o => o.CustomerId == c.CustomerId && o.OpenedAt < c.OpenedAt));
                var weeks = new List<WeekCount>();
                for (var week = WeekOf(from); week <= today; week = week.AddDays(7))
                {
                    var start = OrganisationDays.StartOf(week, zone);
                    var end = OrganisationDays.StartOf(week.AddDays(7), zone);
                    weeks.Add(new WeekCount(week, mine.Count(c => c.OpenedAt >= start && c.OpenedAt < end)));
                }

                var mineIds = mine.Select(c => c.Id).ToHashSet();
                return new CausePanel(
                    cause,
                    [.. mine.Take(CasesShown).Select(c => new CaseRow(c.Id, c.Reference, c.Category, c.OpenedAt, c.Stage, c.Outcome,
                        [.. links.Where(l => l.CaseId == c.Id).Select(l => l.ActionId)]))],
                    mine.Count,
                    weeks,
                    [.. money.Where(m => mineIds.Contains(m.CaseId)).GroupBy(m => m.Currency).Select(g => new Money(g.Key, g.Sum(m => m.Amount)))],
                    repeats,
                    [.. actions.Where(a => a.Action.RootCauseId == cause.Id).Select(a => new ActionRow(
                        a.Action.Id, a.Action.WhatWillChange, a.Action.OwnerName, a.Action.DueOn, a.Action.DoneOn, a.Linked,
                        comparisons.GetValueOrDefault(a.Action.Id), a.Action.DoneOn is null && a.Action.DueOn < today))]);
            }).ToList();
            return new Inbox(request.Days, from, today, scope.SeesAll, panels);
        }

        private static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    /// <summary>Links cases (of the action's cause) to an open improvement action.</summary>
    public sealed class LinkCases : ICommand<int>
    {
        public Guid ActionId { get; set; }

        public List<Guid> CaseIds { get; set; } = [];
    }

    internal sealed class LinkValidator : AbstractValidator<LinkCases>
    {
        public LinkValidator()
        {
            RuleFor(c => c.ActionId).NotEmpty().WithMessage("Choose the improvement action to link the cases to.");
            RuleFor(c => c.CaseIds).NotEmpty().WithMessage("Tick the cases to link.")
                .Must(ids => ids.Count <= CasesShown).WithMessage($"Link at most {CasesShown} cases at a time.");
        }
    }

    internal sealed class LinkHandler(AppDbContext db, ImprovementScope scope, CaseActors actors, AuditTrail audit) : IRequestHandler<LinkCases, int>
    {
        public async Task<int> Handle(LinkCases request, CancellationToken cancellationToken)
        {
            var action = await db.ImprovementActions.SingleOrDefaultAsync(a => a.Id == request.ActionId, cancellationToken)
                ?? throw new Domain.Common.DomainException("That improvement action no longer exists.");
            var cause = await scope.RequireCauseAsync(action.RootCauseId, cancellationToken);
            if (action.IsDone)
            {
                throw new Domain.Common.DomainException("This action is done; link cases to an open action.", "improvement.already_done");
            }

            var ids = request.CaseIds.Distinct().ToList();
            var cases = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Reference, c.RootCauseId }).ToListAsync(cancellationToken);
            if (cases.Count != ids.Count || cases.Any(c => c.RootCauseId != action.RootCauseId))
            {
                throw new Domain.Common.DomainException($"Only cases with the cause {cause.FullName} can be linked to this action.", "improvement.wrong_cause");
            }

            var already = await db.ImprovementActionCases.Where(l => l.ActionId == action.Id && ids.Contains(l.CaseId)).Select(l => l.CaseId).ToListAsync(cancellationToken);
            var added = cases.Where(c => !already.Contains(c.Id)).ToList();
            foreach (var c in added)
            {
                db.ImprovementActionCases.Add(new ImprovementActionCase(action.Id, c.Id, scope.UserId, actors.Now));
            }

            if (added.Count > 0)
            {
                // Touch the action row so that xmin moves: a concurrent "done" and "link" cannot both win silently.
                db.Entry(action).Property(a => a.WhatWillChange).IsModified = true;
                audit.Record("improvement.cases_linked", cause.FullName, $"{string.Join(", ", added.Select(c => c.Reference))} → “{action.WhatWillChange}”.");
            }

            return added.Count;
        }
    }
}
