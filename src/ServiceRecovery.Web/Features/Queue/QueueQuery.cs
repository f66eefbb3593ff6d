using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Sla;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Data.Configurations;
using ServiceRecovery.Web.Features.Insights;
using ServiceRecovery.Web.Infrastructure.Compensation;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Queue;

/// <summary>
/// The queue's SQL, written once: role scoping, filters and keyset paging over the indexed sort keys
/// (no OFFSET). Used by the page, the CSV export and the counts.
/// </summary>
public static class QueueQuery
{
    public static readonly Stage[] OpenStages =
        [Stage.Logged, Stage.Apologized, Stage.Listened, Stage.Fixed, Stage.AtonementPendingApproval, Stage.Atoned, Stage.FollowUpDue];

    /// <summary>
    /// The complement of <see cref="OpenStages"/>, as the queue's partial indexes say it
    /// (<c>stage NOT IN ('Closed', 'ClosedWithoutRecovery', 'Withdrawn')</c>): with the very same predicate PostgreSQL
    /// needs no re-check of the stage on each row it reads from them.
    /// </summary>
    public static readonly Stage[] ClosedStages = [Stage.Closed, Stage.ClosedWithoutRecovery, Stage.Withdrawn];

    /// <summary>Open cases this person may see with the view's filters (not the cursor).</summary>
    /// <param name="flaggedCustomers">
    /// The customers flagged now (<see cref="CompensationContext.FlaggedCustomersAsync"/>), worked out once
    /// per request; required when the view has <see cref="QueueView.Flagged"/>. The cases are then filtered with
    /// <c>customer_id = ANY(@ids)</c>, not with a count per row.
    /// </param>
    /// <param name="zone">The organisation's time zone, for the day filters (opened/closed from–to); UTC when null.</param>
    public static IQueryable<RecoveryCase> Filtered(AppDbContext db, QueueView view, Actor actor, DateTimeOffset now, IReadOnlyCollection<Guid>? flaggedCustomers = null, TimeZoneInfo? zone = null)
    {
        if (view.Flagged && flaggedCustomers is null)
        {
            throw new ArgumentNullException(nameof(flaggedCustomers), "The flagged-customers view needs the set of flagged customers.");
        }

        var closedOnly = view.Status == QueueStatus.Closed || view.ClosedFrom is not null || view.ClosedTo is not null || view.Outcome is not null
            || view.Measure is QueueMeasure.Resolved or QueueMeasure.FirstResponseMet or QueueMeasure.ResolutionMet or QueueMeasure.FirstContact or QueueMeasure.Reopened;
        var cases = db.Cases.AsNoTracking();
        cases = closedOnly ? cases.Where(c => ClosedStages.Contains(c.Stage))
            : view.Status == QueueStatus.All ? cases
            : cases.Where(c => !ClosedStages.Contains(c.Stage));
        cases = ByInsights(db, cases, view, zone ?? TimeZoneInfo.Utc);
        if (!actor.MayActOnAnyCase)
        {
            // Frontline: their own cases and the unassigned pool, in every view and export.
            cases = cases.Where(c => c.OwnerId == actor.UserId || c.OwnerId == null);
        }

        if (view.Stage is { } stage) cases = cases.Where(c => c.Stage == stage);
        if (view.Severity is { } severity) cases = cases.Where(c => c.Severity == severity);
        if (view.Channel is { } channel) cases = cases.Where(c => c.Channel == channel);
        if (!string.IsNullOrWhiteSpace(view.Category)) cases = cases.Where(c => c.Category == view.Category);
        switch (view.Owner)
        {
            case "me":
                cases = cases.Where(c => c.OwnerId == actor.UserId);
                break;
            case "none":
                cases = cases.Where(c => c.OwnerId == null);
                break;
            case { } id when Guid.TryParse(id, out var ownerId):
                cases = cases.Where(c => c.OwnerId == ownerId);
                break;
        }

        cases = view.Sla switch
        {
            SlaFilter.Breached => cases.Where(CaseSlaState.Is(SlaState.Breached, now)),
            SlaFilter.AtRisk => cases.Where(CaseSlaState.Is(SlaState.AtRisk, now)),
            SlaFilter.OnTrack => cases.Where(CaseSlaState.Is(SlaState.OnTrack, now)),
            SlaFilter.Paused => cases.Where(CaseSlaState.Is(SlaState.Paused, now)),
            _ => cases,
        };
        if (view.OlderThanDays is > 0 and var days)
        {
            var before = now.AddDays(-days);
            cases = cases.Where(c => c.OpenedAt < before);
        }

        if (view.Flagged)
        {
            var flagged = flaggedCustomers!.ToArray();
            cases = cases.Where(c => flagged.Contains(c.CustomerId));
        }

        if (!string.IsNullOrWhiteSpace(view.Text))
        {
            var text = view.Text.Trim();
            var like = "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            var reference = text.ToUpperInvariant();
            cases = cases.Where(c => c.Reference.StartsWith(reference) || db.Customers.Any(cu => cu.Id == c.CustomerId && EF.Functions.ILike(cu.Name, like)));
        }

        return cases;
    }

    /// <summary>The dashboard's filters: days in the organisation's calendar, outcome, and the cases behind a figure.</summary>
    private static IQueryable<RecoveryCase> ByInsights(AppDbContext db, IQueryable<RecoveryCase> cases, QueueView view, TimeZoneInfo zone)
    {
        if (view.OpenedFrom is { } of) { var at = OrganisationDays.StartOf(of, zone); cases = cases.Where(c => c.OpenedAt >= at); }
        if (view.OpenedTo is { } ot) { var at = OrganisationDays.StartOf(ot.AddDays(1), zone); cases = cases.Where(c => c.OpenedAt < at); }
        if (view.ClosedFrom is { } cf) { var at = OrganisationDays.StartOf(cf, zone); cases = cases.Where(c => c.ClosedAt >= at); }
        if (view.ClosedTo is { } ct) { var at = OrganisationDays.StartOf(ct.AddDays(1), zone); cases = cases.Where(c => c.ClosedAt < at); }
        if (view.Outcome is { } outcome) cases = cases.Where(c => c.Outcome == outcome);
        if (string.Equals(view.Cause, "none", StringComparison.Ordinal)) cases = cases.Where(c => c.RootCauseId == null);
        else if (Guid.TryParse(view.Cause, out var causeId)) cases = cases.Where(c => c.RootCauseId == causeId);
        return view.Measure switch
        {
            QueueMeasure.Resolved => cases.Where(c => c.Outcome != CaseOutcome.Withdrawn),
            QueueMeasure.FirstResponseMet => cases.Where(c => c.Outcome != CaseOutcome.Withdrawn && c.FirstResponseMetSla == true),
            QueueMeasure.ResolutionMet => cases.Where(c => c.Outcome != CaseOutcome.Withdrawn && c.ResolutionMetSla == true),
            QueueMeasure.FirstContact => cases.Where(c => c.Outcome != CaseOutcome.Withdrawn && c.FirstFixAtFirstContact == true && c.ReopenCount == 0),
            QueueMeasure.Reopened => cases.Where(c => c.Outcome != CaseOutcome.Withdrawn && c.ReopenCount > 0),
            QueueMeasure.Owned => cases.Where(c => c.OwnerId != null),
            QueueMeasure.CsatAnswered => cases.Where(c => c.Outcome != CaseOutcome.Withdrawn && c.Csat != null),
            QueueMeasure.NpsAnswered => cases.Where(c => c.Outcome != CaseOutcome.Withdrawn && c.NpsAfter != null),
            QueueMeasure.NpsBoth => cases.Where(c => c.Outcome != CaseOutcome.Withdrawn && c.NpsBefore != null && c.NpsAfter != null),
            // The roll-up's own SQL definitions, so the link shows exactly the cases the figure counts.
            QueueMeasure.Thanked => cases.Matching(db, KpiCases.Set.Thanked, zone.Id),
            QueueMeasure.Retained => cases.Matching(db, KpiCases.Set.Retained, zone.Id),
            QueueMeasure.Repeat => cases.Where(c => db.Cases.Any(p => p.CustomerId == c.CustomerId && p.Category == c.Category && p.Id != c.Id
                && p.OpenedAt <= c.OpenedAt && p.OpenedAt >= c.OpenedAt.AddDays(-30))),
            _ => cases,
        };
    }

    /// <summary>The rows of one page (plus one, to know whether there is a next page), in the view's order, after its cursor.</summary>
    public static IQueryable<QueueRow> Page(AppDbContext db, QueueView view, Actor actor, DateTimeOffset now, int take, IReadOnlyCollection<Guid>? flaggedCustomers = null, TimeZoneInfo? zone = null)
    {
        var cases = Filtered(db, view, actor, now, flaggedCustomers, zone);
        var cursor = Cursor.Parse(view.After);
        IOrderedQueryable<RecoveryCase> ordered;
        switch (view.Sort)
        {
            case QueueSort.Age:
                if (cursor is { } a)
                {
                    cases = cases.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.OpenedAt, c.Id), ValueTuple.Create(a.At, a.Id)));
                }

                ordered = cases.OrderBy(c => c.OpenedAt).ThenBy(c => c.Id);
                break;
            case QueueSort.Severity:
                if (cursor is { } s)
                {
                    cases = cases.Where(c => EF.Functions.GreaterThan(
                        ValueTuple.Create(EF.Property<int>(c, QueueColumns.SeverityOrder), EF.Property<DateTimeOffset>(c, QueueColumns.SlaSortAt), c.Id),
                        ValueTuple.Create(s.Rank, s.At, s.Id)));
                }

                ordered = cases.OrderBy(c => EF.Property<int>(c, QueueColumns.SeverityOrder))
                    .ThenBy(c => EF.Property<DateTimeOffset>(c, QueueColumns.SlaSortAt)).ThenBy(c => c.Id);
                break;
            default:
                if (cursor is { } d)
                {
                    cases = cases.Where(c => EF.Functions.GreaterThan(
                        ValueTuple.Create(EF.Property<DateTimeOffset>(c, QueueColumns.SlaSortAt), c.Id), ValueTuple.Create(d.At, d.Id)));
                }

                ordered = cases.OrderBy(c => EF.Property<DateTimeOffset>(c, QueueColumns.SlaSortAt)).ThenBy(c => c.Id);
                break;
        }

        return ordered.Take(take).Select(c => new QueueRow(
            c.Id, c.Reference, c.CustomerId, db.Customers.Where(cu => cu.Id == c.CustomerId).Select(cu => cu.Name).First(),
            c.Severity, c.Stage, c.Channel, c.Category, c.OwnerName, c.OpenedAt, c.SlaDueAt, c.SlaAtRiskAt, c.WaitingSince,
            EF.Property<DateTimeOffset>(c, QueueColumns.SlaSortAt), EF.Property<int>(c, QueueColumns.SeverityOrder)));
    }

    /// <summary>
    /// The rows of one page as a list. The everyday view — everything open, by SLA due, no filter, for a supervisor or
    /// manager — is the page people open all day, so it runs as a compiled query (no expression tree to build and
    /// look up per request); any other view goes through <see cref="Page"/>. Both write the same SQL.
    /// </summary>
    public static Task<List<QueueRow>> RowsAsync(AppDbContext db, QueueView view, Actor actor, DateTimeOffset now, int take,
        IReadOnlyCollection<Guid>? flaggedCustomers, CancellationToken ct, TimeZoneInfo? zone = null)
    {
        if (!IsEveryday(view, actor))
        {
            return Page(db, view, actor, now, take, flaggedCustomers, zone).ToListAsync(ct);
        }

        return Cursor.Parse(view.After) is { } after
            ? ToListAsync(EverydayAfter(db, after.At, after.Id, take), ct)
            : ToListAsync(EverydayFirst(db, take), ct);
    }

    public static bool IsEveryday(QueueView view, Actor actor) =>
        actor.MayActOnAnyCase && view.Sort == QueueSort.Sla && view.Stage is null && view.Severity is null && view.Channel is null
        && string.IsNullOrWhiteSpace(view.Category) && string.IsNullOrWhiteSpace(view.Owner) && view.Sla == SlaFilter.Any
        && view.OlderThanDays is null or <= 0 && string.IsNullOrWhiteSpace(view.Text) && !view.Flagged && !view.IsFromInsights;

    private static async Task<List<QueueRow>> ToListAsync(IAsyncEnumerable<QueueRow> rows, CancellationToken ct)
    {
        var list = new List<QueueRow>(101);
        await foreach (var row in rows.WithCancellation(ct))
        {
            list.Add(row);
        }

        return list;
    }

    // The same query as Page(view with no filter, Sort = Sla): QueuePlanTests and QueueTests hold them to the same rows.
    private static readonly Func<AppDbContext, int, IAsyncEnumerable<QueueRow>> EverydayFirst = EF.CompileAsyncQuery(
        (AppDbContext db, int take) => db.Cases.AsNoTracking().Where(c => !ClosedStages.Contains(c.Stage))
            .OrderBy(c => EF.Property<DateTimeOffset>(c, QueueColumns.SlaSortAt)).ThenBy(c => c.Id)
            .Take(take)
            .Select(c => new QueueRow(
                c.Id, c.Reference, c.CustomerId, db.Customers.Where(cu => cu.Id == c.CustomerId).Select(cu => cu.Name).First(),
                c.Severity, c.Stage, c.Channel, c.Category, c.OwnerName, c.OpenedAt, c.SlaDueAt, c.SlaAtRiskAt, c.WaitingSince,
                EF.Property<DateTimeOffset>(c, QueueColumns.SlaSortAt), EF.Property<int>(c, QueueColumns.SeverityOrder))));

    private static readonly Func<AppDbContext, DateTimeOffset, Guid, int, IAsyncEnumerable<QueueRow>> EverydayAfter = EF.CompileAsyncQuery(
        (AppDbContext db, DateTimeOffset at, Guid id, int take) => db.Cases.AsNoTracking().Where(c => !ClosedStages.Contains(c.Stage))
            .Where(c => EF.Functions.GreaterThan(ValueTuple.Create(EF.Property<DateTimeOffset>(c, QueueColumns.SlaSortAt), c.Id), ValueTuple.Create(at, id)))
            .OrderBy(c => EF.Property<DateTimeOffset>(c, QueueColumns.SlaSortAt)).ThenBy(c => c.Id)
            .Take(take)
            .Select(c => new QueueRow(
                c.Id, c.Reference, c.CustomerId, db.Customers.Where(cu => cu.Id == c.CustomerId).Select(cu => cu.Name).First(),
                c.Severity, c.Stage, c.Channel, c.Category, c.OwnerName, c.OpenedAt, c.SlaDueAt, c.SlaAtRiskAt, c.WaitingSince,
                EF.Property<DateTimeOffset>(c, QueueColumns.SlaSortAt), EF.Property<int>(c, QueueColumns.SeverityOrder))));

    /// <summary>The cursor after <paramref name="row"/> for the view's sort.</summary>
    public static string CursorAfter(QueueRow row, QueueSort sort) => Cursor.Format(sort switch
    {
        QueueSort.Age => new Cursor(row.OpenedAt, row.Id, 0),
        QueueSort.Severity => new Cursor(row.SortAt, row.Id, row.SeverityOrder),
        _ => new Cursor(row.SortAt, row.Id, 0),
    });

    private sealed record Cursor(DateTimeOffset At, Guid Id, int Rank)
    {
        public static string Format(Cursor c) => Convert.ToBase64String(Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{c.At.UtcTicks}|{c.Id}|{c.Rank}"))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static Cursor? Parse(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            try
            {
                var padded = text.Replace('-', '+').Replace('_', '/');
                padded += new string('=', (4 - (padded.Length % 4)) % 4);
                var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('|');
                return new Cursor(new DateTimeOffset(long.Parse(parts[0], CultureInfo.InvariantCulture), TimeSpan.Zero), Guid.Parse(parts[1]), int.Parse(parts[2], CultureInfo.InvariantCulture));
            }
            catch (Exception ex) when (ex is FormatException or IndexOutOfRangeException or ArgumentException or OverflowException)
            {
                return null; // a mangled cursor starts from the first page
            }
        }
    }
}
