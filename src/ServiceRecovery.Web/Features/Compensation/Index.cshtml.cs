using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Compensation;

/// <summary>
/// Compensation for managers: what was granted (approved and adjusted gestures) per customer, per staff member and
/// per month in a period, and the whole ledger as CSV for finance.
/// </summary>
[Authorize(Policy = Policies.Manager)]
public sealed class Index(IMediator mediator, CaseActors actors) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "from")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public DateOnly? To { get; set; }

    public Result Totals { get; private set; } = Result.Empty;

    public async Task OnGetAsync()
    {
        var (from, to) = Period();
        Totals = await mediator.Send(new Query(from, to), HttpContext.RequestAborted);
    }

    /// <summary>The ledger lines of the period as CSV, streamed row by row (any size of range).</summary>
    public async Task<IActionResult> OnGetExportAsync([FromServices] AppDbContext db)
    {
        var (from, to) = Period();
        var (start, end) = Range(from, to);
        await using var writer = Csv.Download(Response, $"compensation-{from:yyyy-MM-dd}-to-{to:yyyy-MM-dd}.csv");
        await writer.WriteLineAsync(Csv.Line("date", "case", "customer", "kind", "gesture", "amount", "currency", "staff", "recorded_by"));
        var rows = db.Ledger.AsNoTracking()
            .Where(l => l.At >= start && l.At < end)
            .OrderBy(l => l.At).ThenBy(l => l.Id)
            .Join(db.Cases, l => l.CaseId, c => c.Id, (l, c) => new { l, c.Reference })
            .Join(db.Customers, x => x.l.CustomerId, c => c.Id, (x, c) => new { x.l.At, x.Reference, Customer = c.Name, x.l.Kind, x.l.Gesture, x.l.Amount, x.l.Currency, x.l.StaffName, x.l.ActorName })
            .AsAsyncEnumerable();
        await foreach (var r in rows.WithCancellation(HttpContext.RequestAborted))
        {
            await writer.WriteLineAsync(Csv.Line(
                r.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), r.Reference, r.Customer, r.Kind.ToString(),
                r.Gesture.ToString(), r.Amount.ToString("0.00", CultureInfo.InvariantCulture), r.Currency, r.StaffName, r.ActorName));
        }

        return new EmptyResult();
    }

    /// <summary>Shown when a date in the address was outside <see cref="Earliest"/>–<see cref="Latest"/> and the default period is used.</summary>
    public string? PeriodNote { get; private set; }

    public static readonly DateOnly Earliest = new(2000, 1, 1);

    public static readonly DateOnly Latest = new(2099, 12, 31);

    private (DateOnly From, DateOnly To) Period()
    {
        var today = actors.Today;
        if (From is { } f && (f < Earliest || f > Latest) || To is { } t && (t < Earliest || t > Latest))
        {
            PeriodNote = $"Dates must be between {Earliest:d MMM yyyy} and {Latest:d MMM yyyy}: showing the last three months instead.";
            From = To = null;
        }

        var to = To ?? today;
        var from = From ?? new DateOnly(to.Year, to.Month, 1).AddMonths(-2);
        return from <= to ? (from, to) : (to, from);
    }

    internal static (DateTimeOffset Start, DateTimeOffset End) Range(DateOnly from, DateOnly to) =>
        (new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    public sealed record Query(DateOnly From, DateOnly To) : IRequest<Result>;

    public sealed record Line(string Label, string? Link, int Gestures, decimal Granted, decimal Fulfilled);

    public sealed record Result(DateOnly From, DateOnly To, decimal Granted, decimal Fulfilled, int Pending, IReadOnlyList<Line> PerCustomer, IReadOnlyList<Line> PerStaff, IReadOnlyList<Line> PerMonth)
    {
        public static readonly Result Empty = new(default, default, 0, 0, 0, [], [], []);
    }

    internal sealed class Handler(AppDbContext db) : IRequestHandler<Query, Result>
    {
        private static readonly LedgerKind[] Granted = [LedgerKind.Approved, LedgerKind.Adjusted];

        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var (start, end) = Range(request.From, request.To);
            var lines = db.Ledger.AsNoTracking().Where(l => l.At >= start && l.At < end);
            var granted = lines.Where(l => Granted.Contains(l.Kind));
            var fulfilled = lines.Where(l => l.Kind == LedgerKind.Fulfilled);

            var perCustomer = await granted.GroupBy(l => l.CustomerId)
                .Select(g => new { g.Key, Count = g.Count(), Total = g.Sum(l => l.Amount) })
                .OrderByDescending(x => x.Total).Take(20)
                .Join(db.Customers, x => x.Key, c => c.Id, (x, c) => new { x.Key, c.Name, x.Count, x.Total })
                .ToListAsync(cancellationToken);
            var perStaff = await granted.GroupBy(l => new { l.StaffId, l.StaffName })
                .Select(g => new { Key = g.Key.StaffName, Count = g.Count(), Total = g.Sum(l => l.Amount) })
                .OrderByDescending(x => x.Total).ToListAsync(cancellationToken);
            var perMonth = await granted.GroupBy(l => new { l.At.Year, l.At.Month })
                .Select(g => new { g.Key.Year, g.Key.Month, Count = g.Count(), Total = g.Sum(l => l.Amount) })
                .ToListAsync(cancellationToken);
            var fulfilledPerMonth = await fulfilled.GroupBy(l => new { l.At.Year, l.At.Month })
                .Select(g => new { g.Key.Year, g.Key.Month, Total = g.Sum(l => l.Amount) }).ToListAsync(cancellationToken);
            var pending = await db.Cases.CountAsync(c => c.Stage == Stage.AtonementPendingApproval, cancellationToken);

            return new Result(
                request.From, request.To,
                await granted.SumAsync(l => l.Amount, cancellationToken),
                await fulfilled.SumAsync(l => l.Amount, cancellationToken),
                pending,
                [.. perCustomer.Select(x => new Line(x.Name, Routes.Customer(x.Key), x.Count, x.Total, 0))],
                [.. perStaff.Select(x => new Line(x.Key, null, x.Count, x.Total, 0))],
                [.. perMonth.OrderBy(x => x.Year).ThenBy(x => x.Month).Select(x => new Line(
                    new DateOnly(x.Year, x.Month, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture), null, x.Count, x.Total,
                    fulfilledPerMonth.Where(f => f.Year == x.Year && f.Month == x.Month).Sum(f => f.Total)))]);
        }
    }
}
