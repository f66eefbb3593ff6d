using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Improvement;
using ServiceRecovery.Domain.Insights;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Features.Improvement;
using ServiceRecovery.Web.Features.Queue;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Insights;

/// <summary>
/// The KPI dashboard for supervisors and managers: the figures of a period (org-local days; last 30 by default) with
/// filters, from the daily roll-up plus today live; charts with their data tables; every figure links to the queue
/// filtered to the cases behind it; CSV of every figure; the organisation's maturity stage with its reasons.
/// </summary>
[Authorize(Policy = Policies.Supervisor)]
public sealed class Index(IMediator mediator, CaseActors actors) : PageModel
{
    public static readonly int[] Presets = [7, 30, 90];

    /// <summary>The longest period the dashboard sums (a little over two years of days).</summary>
    public const int MaxDays = 800;

    [BindProperty(SupportsGet = true, Name = "from")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "days")]
    public int? Days { get; set; }

    [BindProperty(SupportsGet = true, Name = "category")]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true, Name = "severity")]
    public Severity? Severity { get; set; }

    [BindProperty(SupportsGet = true, Name = "channel")]
    public Channel? Channel { get; set; }

    [BindProperty(SupportsGet = true, Name = "owner")]
    public string? Owner { get; set; }

    [BindProperty(SupportsGet = true, Name = "cause")]
    public string? Cause { get; set; }

    public Result Report { get; private set; } = default!;

    /// <summary>Shown when the address asked for a period the dashboard cannot show.</summary>
    public string? PeriodNote { get; private set; }

    public async Task OnGetAsync() => Report = await mediator.Send(new Query(Filter()), HttpContext.RequestAborted);

    /// <summary>Every figure of the current view as CSV (figures, per owner, per week).</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var filter = Filter();
        var r = await mediator.Send(new Query(filter), HttpContext.RequestAborted);
        await using var writer = Csv.Download(Response, $"insights-{filter.From:yyyy-MM-dd}-to-{filter.To:yyyy-MM-dd}.csv");
        var inv = CultureInfo.InvariantCulture;
        await writer.WriteLineAsync(Csv.Line("section", "key", "label", "value", "count", "of", "cases_counted", "definition"));
        foreach (var f in KpiFigures.For(r.Total, filter, inv, r.MaturedThrough))
        {
            await writer.WriteLineAsync(Csv.Line("figure", f.Key, f.Label, f.Value, f.Numerator?.ToString(inv), f.Denominator?.ToString(inv), KpiFigures.CohortText(f.Cohort), f.Definition));
        }

        foreach (var o in r.PerOwner)
        {
            var t = o.Totals;
            await writer.WriteLineAsync(Csv.Line("owner", o.OwnerId?.ToString() ?? "none", o.OwnerName ?? "Unassigned", KpiFigures.Percent(t.Count("fr_met"), t.Count("fr_measured"), inv),
                t.Count("fr_met").ToString(inv), t.Count("fr_measured").ToString(inv), "first response within SLA", "cases closed in the period, withdrawn excluded"));
            await writer.WriteLineAsync(Csv.Line("owner", o.OwnerId?.ToString() ?? "none", o.OwnerName ?? "Unassigned", KpiFigures.Percent(t.Count("res_met"), t.Count("res_measured"), inv),
                t.Count("res_met").ToString(inv), t.Count("res_measured").ToString(inv), "resolution within SLA", "cases closed in the period, withdrawn excluded"));
        }

        foreach (var w in r.PerWeek)
        {
            await writer.WriteLineAsync(Csv.Line("week", w.Week.ToString("yyyy-MM-dd", inv), "opened", w.Totals.Count("opened").ToString(inv), null, null, "cases opened in the week", null));
            await writer.WriteLineAsync(Csv.Line("week", w.Week.ToString("yyyy-MM-dd", inv), "closed", w.Totals.Count("closed").ToString(inv), null, null, "cases closed in the week", null));
        }

        foreach (var c in r.PerCause)
        {
            await writer.WriteLineAsync(Csv.Line("root_cause", c.CauseId?.ToString() ?? "none", c.Name, c.Granted.ToString(inv), c.Recovered.ToString(inv), null,
                "cases recovered in the period", "money granted on the recovered cases of this root cause"));
        }

        foreach (var o in r.Thanked)
        {
            await writer.WriteLineAsync(Csv.Line("thanked", o.OwnerId?.ToString() ?? "none", o.OwnerName ?? "Unassigned", o.Count.ToString(inv), null, null,
                "cases closed in the period as recovered", "recoveries the customer rated CSAT 5 or NPS 9–10"));
        }

        await writer.WriteLineAsync(Csv.Line("maturity", "stage", r.Maturity.Stage.ToString(), ((int)r.Maturity.Stage).ToString(inv), null, null, null, null));
        return new EmptyResult();
    }

    public KpiFilter Filter()
    {
        var today = actors.Today;
        var earliest = new DateOnly(2000, 1, 1);
        var latest = today.AddYears(1);
        if (From is { } f && (f < earliest || f > latest) || To is { } t && (t < earliest || t > latest))
        {
            PeriodNote = "Dates must be between 1 Jan 2000 and a year from now: showing the last 30 days instead.";
            From = To = null;
        }

        DateOnly from, to;
        if (From is null && To is null)
        {
            var days = Days is { } d && Presets.Contains(d) ? d : 30;
            Days = days;
            (from, to) = (today.AddDays(1 - days), today);
        }
        else
        {
            to = To ?? today;
            from = From ?? to.AddDays(-29);
            if (from > to)
            {
                (from, to) = (to, from);
            }

            if (to.DayNumber - from.DayNumber + 1 > MaxDays)
            {
                PeriodNote = $"A period can be at most {MaxDays} days: showing the {MaxDays} days up to {to:d MMM yyyy}.";
                from = to.AddDays(1 - MaxDays);
            }

            Days = null;
        }

        From = from;
        To = to;
        var owner = Owner is "none" || Guid.TryParse(Owner, out _) ? Owner : null;
        Owner = owner;
        var cause = Cause is "none" ? Cause : Guid.TryParse(Cause, out var causeId) ? causeId.ToString() : null;
        Cause = cause;
        return new KpiFilter(from, to, string.IsNullOrWhiteSpace(Category) ? null : Category.Trim(),
            Severity is { } s && Enum.IsDefined(s) ? s : null, Channel is { } c && Enum.IsDefined(c) ? c : null, owner, cause);
    }

    /// <summary>The queue's address for a view (the same parameters as the queue's own links).</summary>
    public static string QueueLink(QueueView v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var inv = CultureInfo.InvariantCulture;
        var q = new Dictionary<string, string?>
        {
            ["View.Status"] = v.Status == QueueStatus.Open ? null : v.Status.ToString(),
            ["View.OpenedFrom"] = v.OpenedFrom?.ToString("yyyy-MM-dd", inv),
            ["View.OpenedTo"] = v.OpenedTo?.ToString("yyyy-MM-dd", inv),
            ["View.ClosedFrom"] = v.ClosedFrom?.ToString("yyyy-MM-dd", inv),
            ["View.ClosedTo"] = v.ClosedTo?.ToString("yyyy-MM-dd", inv),
            ["View.Outcome"] = v.Outcome?.ToString(),
            ["View.Measure"] = v.Measure == QueueMeasure.Any ? null : v.Measure.ToString(),
            ["View.Category"] = v.Category,
            ["View.Severity"] = v.Severity?.ToString(),
            ["View.Channel"] = v.Channel?.ToString(),
            ["View.Owner"] = v.Owner,
            ["View.Cause"] = v.Cause,
            ["View.Sort"] = "Age",
        };
        return Routes.Queue + QueryString.Create(q.Where(p => p.Value is { Length: > 0 }));
    }

    public sealed record Query(KpiFilter Filter) : IRequest<Result>;

    public sealed record Staff(Guid Id, string Name);

    /// <summary>A root cause as the filter and the per-cause table show it.</summary>
    public sealed record CauseOption(Guid Id, string Group, string Name, bool Active)
    {
        public string FullName => new Domain.Cases.RootCauseLeaf(Id, Group, Name, Active).FullName;
    }

    /// <summary>Money granted on the recovered cases of one root cause (or of none: <paramref name="CauseId"/> null).</summary>
    public sealed record CauseMoney(Guid? CauseId, string Name, long Recovered, decimal Granted, long Resolved);

    public sealed record Result(
        KpiFilter Filter, KpiTotals Total, IReadOnlyList<(Guid? OwnerId, string? OwnerName, KpiTotals Totals)> PerOwner,
        IReadOnlyList<(DateOnly Week, KpiTotals Totals)> PerWeek, MaturityAssessment Maturity, MaturityThresholds Thresholds,
        IReadOnlyList<string> Categories, IReadOnlyList<Staff> People, DateTimeOffset? RolledUpAt,
        IReadOnlyList<CauseOption> Causes, IReadOnlyList<CauseMoney> PerCause, IReadOnlyList<Recognition.PerOwner> Thanked, DateOnly MaturedThrough);

    internal sealed class Handler(CaseActors actors, SharedResults shared, IOptions<OrganisationOptions> organisation, IOptions<MaturityThresholds> thresholds)
        : IRequestHandler<Query, Result>
    {
        /// <summary>The same view within a few seconds is answered once (the figures move by the day, not by the second).</summary>
        private static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(10);

        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var today = actors.Today;
            var zone = organisation.Value.TimeZoneId;
            var f = request.Filter;
            var answer = await shared.GetAsync($"insights:{today}:{f}", FreshFor, FreshFor * 6,
                (services, ct) => KpiQuery.RunAsync(services.GetRequiredService<AppDbContext>(), f, today, zone, ct), cancellationToken);
            // The stage is the organisation's: the period without the dimension filters.
            var whole = f with { Category = null, Severity = null, Channel = null, Owner = null, Cause = null };
            var org = whole == f ? answer : await shared.GetAsync($"insights:{today}:{whole}", FreshFor, FreshFor * 6,
                (services, ct) => KpiQuery.RunAsync(services.GetRequiredService<AppDbContext>(), whole, today, zone, ct), cancellationToken);
            var t = org.Total;
            var taxonomy = await shared.GetAsync($"insights-taxonomy:{today}", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2),
                (services, ct) => TaxonomyAsync(services.GetRequiredService<AppDbContext>(), today, organisation.Value.TimeZone, ct), cancellationToken);
            var facts = new MaturityFacts(
                CasesLogged: (int)t.Count("opened"), CasesWithOwner: (int)t.Count("opened_with_owner"),
                FirstResponses: (int)t.Count("fr_measured"), FirstResponsesMetSla: (int)t.Count("fr_met"),
                CasesClosed: (int)t.Count("closed_resolved"), WebCases: (int)t.Count("opened_web"),
                ClosedWithSurveySent: (int)t.Count("closed_surveyed"), ClosedWithRootCause: (int)t.Count("closed_with_cause"),
                ActiveCauses: taxonomy.ActiveCauses, ActiveCausesWithOwner: taxonomy.ActiveWithOwner, ImprovementActionsDoneWithFall: taxonomy.DoneWithFall);
            var maturity = MaturityStage.Assess(facts, thresholds.Value);
            var thanked = Recognition.PerOwnerOf(org);
            var lists = await shared.GetAsync("insights-lists", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), async (services, ct) =>
            {
                var context = services.GetRequiredService<AppDbContext>();
                var categories = await context.Categories.AsNoTracking().OrderBy(c => c.SortOrder).Select(c => c.Name).ToListAsync(ct);
                var people = await Assignees.Active(context).OrderBy(u => u.DisplayName).Select(u => new Staff(u.Id, u.DisplayName)).ToListAsync(ct);
                var rolledUp = await context.Database.SqlQueryRaw<DateTimeOffset?>("SELECT refreshed_at AS \"Value\" FROM kpi_rollup_state WHERE id = 1").FirstOrDefaultAsync(ct);
                return ((IReadOnlyList<string>)categories, (IReadOnlyList<Staff>)people, rolledUp);
            }, cancellationToken);
            var names = taxonomy.Causes.ToDictionary(c => c.Id);
            var perCause = answer.PerCause
                .Where(c => c.Totals.Count("closed_resolved") > 0)
                .Select(c => new CauseMoney(c.CauseId, c.CauseId is { } id ? names.TryGetValue(id, out var n) ? n.FullName : "(removed cause)" : "No root cause",
                    c.Totals.Count("closed_recovered"), c.Totals["compensation_recovered"], c.Totals.Count("closed_resolved")))
                .OrderByDescending(c => c.Granted).ThenBy(c => c.Name, StringComparer.CurrentCulture)
                .ToList();
            return new Result(f, answer.Total, answer.PerOwner, answer.PerWeek, maturity, thresholds.Value, lists.Item1, lists.Item2, lists.rolledUp,
                taxonomy.Causes, perCause, thanked, KpiQuery.MaturedThrough(today));
        }

        private sealed record Taxonomy(IReadOnlyList<CauseOption> Causes, int? ActiveCauses, int ActiveWithOwner, int? DoneWithFall);

        /// <summary>
        /// The root-cause taxonomy (for the filter and the maturity stage: active causes, those with a process owner) and
        /// the improvement actions done whose cause's case rate measurably fell (<see cref="RateComparison.FellClearly"/>,
        /// the same comparison as the improvement inbox: N full weeks either side of the done date).
        /// </summary>
        private static async Task<Taxonomy> TaxonomyAsync(AppDbContext db, DateOnly today, TimeZoneInfo zone, CancellationToken ct)
        {
            var causes = await (from c in db.RootCauses.AsNoTracking()
                                join g in db.RootCauseGroups.AsNoTracking() on c.GroupId equals g.Id
                                orderby g.SortOrder, g.Name, c.SortOrder, c.Name
                                select new { c.Id, Group = g.Name, c.Name, Active = c.IsActive && g.IsActive, c.ProcessOwnerId })
                .ToListAsync(ct);
            var active = causes.Where(c => c.Active).ToList();
            var done = await db.ImprovementActions.AsNoTracking().Where(a => a.DoneOn != null)
                .Select(a => new { a.RootCauseId, DoneOn = a.DoneOn!.Value }).ToListAsync(ct);
            var fell = 0;
            foreach (var action in done)
            {
                if ((await ImprovementEffect.CompareAsync(db, action.RootCauseId, action.DoneOn, today, zone, ct)).FellClearly)
                {
                    fell++;
                }
            }

            return new Taxonomy(
                [.. causes.Select(c => new CauseOption(c.Id, c.Group, c.Name, c.Active))],
                causes.Count == 0 ? null : active.Count,
                active.Count(c => c.ProcessOwnerId is not null),
                fell);
        }
    }
}
