using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Web.Data;

namespace ServiceRecovery.Web.Features.Insights;

/// <summary>
/// Recoveries the customer thanked (<see cref="KpiColumns.Thanked"/>: closed as Recovered and rated CSAT 5 or NPS 9–10
/// in the survey after the failure), credited to the case's owner: per owner on the dashboard from the roll-up's
/// <c>closed_thanked</c>, and as a list of cases on the staff member's home page, from the same SQL definition.
/// </summary>
public static class Recognition
{
    public sealed record ThankedCase(Guid Id, string Reference, string Category, Guid? OwnerId, string? OwnerName, int? Csat, int? NpsAfter, DateTimeOffset ClosedAt);

    public sealed record PerOwner(Guid? OwnerId, string? OwnerName, int Count);

    /// <summary>The thanked recoveries per owner of a dashboard answer, most first (owners without any left out).</summary>
    public static IReadOnlyList<PerOwner> PerOwnerOf(KpiQuery.Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return [.. answer.PerOwner
            .Where(o => o.Totals.Count("closed_thanked") > 0)
            .Select(o => new PerOwner(o.OwnerId, o.OwnerName, (int)o.Totals.Count("closed_thanked")))
            .OrderByDescending(o => o.Count).ThenBy(o => o.OwnerName ?? "\uffff", StringComparer.CurrentCulture)];
    }

    /// <summary>The thanked recoveries closed in [<paramref name="from"/>, <paramref name="to"/>), newest first, optionally of one owner.</summary>
    public static Task<List<ThankedCase>> CasesAsync(AppDbContext db, DateTimeOffset from, DateTimeOffset to, Guid? ownerId, string timeZoneId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cases = db.Cases.AsNoTracking().Where(c => c.ClosedAt >= from && c.ClosedAt < to);
        if (ownerId is { } owner)
        {
            cases = cases.Where(c => c.OwnerId == owner);
        }

        return cases.Matching(db, KpiCases.Set.Thanked, timeZoneId)
            .OrderByDescending(c => c.ClosedAt)
            .Select(c => new ThankedCase(c.Id, c.Reference, c.Category, c.OwnerId, c.OwnerName, c.Csat, c.NpsAfter, c.ClosedAt!.Value))
            .ToListAsync(ct);
    }
}
