using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Data;

namespace ServiceRecovery.Web.Features.Insights;

/// <summary>
/// Recoveries the customer thanked: cases closed as Recovered that the customer rated CSAT 5 or NPS 9–10 in the
/// survey after the failure, credited to the case's owner. One definition for the dashboard and the staff home page.
/// </summary>
public static class Recognition
{
    public sealed record ThankedCase(Guid Id, string Reference, string Category, Guid? OwnerId, string? OwnerName, int? Csat, int? NpsAfter, DateTimeOffset ClosedAt);

    public sealed record PerOwner(Guid? OwnerId, string? OwnerName, int Count);

    /// <summary>How many thanked recoveries each owner has among the cases closed in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static async Task<List<PerOwner>> PerOwnerAsync(AppDbContext db, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Cases.AsNoTracking()
            .Where(c => c.ClosedAt >= from && c.ClosedAt < to && c.Outcome == CaseOutcome.Recovered && (c.Csat == 5 || c.NpsAfter >= 9))
            .GroupBy(c => c.OwnerId)
            .Select(g => new { g.Key, Name = g.Max(c => c.OwnerName), Count = g.Count() })
            .ToListAsync(ct);
        return [.. rows.Select(r => new PerOwner(r.Key, r.Name, r.Count)).OrderByDescending(r => r.Count).ThenBy(r => r.OwnerName ?? "\uffff", StringComparer.CurrentCulture)];
    }

    /// <summary>The thanked recoveries closed in [<paramref name="from"/>, <paramref name="to"/>), newest first, optionally of one owner.</summary>
    public static Task<List<ThankedCase>> CasesAsync(AppDbContext db, DateTimeOffset from, DateTimeOffset to, Guid? ownerId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cases = db.Cases.AsNoTracking()
            .Where(c => c.ClosedAt >= from && c.ClosedAt < to && c.Outcome == CaseOutcome.Recovered && (c.Csat == 5 || c.NpsAfter >= 9));
        if (ownerId is { } owner)
        {
            cases = cases.Where(c => c.OwnerId == owner);
        }

        return cases.OrderByDescending(c => c.ClosedAt)
            .Select(c => new ThankedCase(c.Id, c.Reference, c.Category, c.OwnerId, c.OwnerName, c.Csat, c.NpsAfter, c.ClosedAt!.Value))
            .ToListAsync(ct);
    }
}
