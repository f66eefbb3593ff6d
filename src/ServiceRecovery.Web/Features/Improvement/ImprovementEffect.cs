using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Improvement;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Improvement;

/// <summary>
/// Whether a done improvement action's root cause became rarer: the cases opened with that cause in N full weeks
/// before and after the done date (<see cref="RateComparison"/>). One query for the inbox and the dashboard's maturity stage.
/// </summary>
public static class ImprovementEffect
{
    public static async Task<RateComparison> CompareAsync(AppDbContext db, Guid rootCauseId, DateOnly doneOn, DateOnly today, TimeZoneInfo zone, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var weeks = RateComparison.WindowWeeks(doneOn, today);
        var before = OrganisationDays.StartOf(doneOn.AddDays(-7 * weeks), zone);
        var at = OrganisationDays.StartOf(doneOn, zone);
        var after = OrganisationDays.StartOf(doneOn.AddDays(7 * weeks), zone);
        var counts = await db.Cases.AsNoTracking()
            .Where(c => c.RootCauseId == rootCauseId && c.OpenedAt >= before && c.OpenedAt < after)
            .GroupBy(c => c.OpenedAt < at)
            .Select(g => new { Before = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        return new RateComparison(doneOn, weeks, counts.Where(c => c.Before).Sum(c => c.Count), counts.Where(c => !c.Before).Sum(c => c.Count));
    }
}
