using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Compensation;
using ServiceRecovery.Domain.Customers;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Infrastructure.Auth;

namespace ServiceRecovery.Web.Features.Approvals;

/// <summary>Abuse-signal settings ("Atonement:AbuseThreshold", "Atonement:AbuseWindowDays").</summary>
public sealed class AbuseOptions
{
    public int AbuseThreshold { get; set; } = 3;

    public int AbuseWindowDays { get; set; } = 90;

    public AbusePolicy Policy => new(AbuseThreshold, AbuseWindowDays);
}

public sealed record CustomerFlag(bool IsFlagged, int CompensatedCases, string Explanation, DateTimeOffset? ClearedAt, string? ClearedBy, string? ClearedReason);

public sealed record CompensationHistory(int Gestures, decimal Total, string Currency);

/// <summary>
/// What proposing and approving a gesture need to know, from the database: the person's limit, the
/// customer's repeated-compensation flag and history, and the guidance range for the case.
/// </summary>
public sealed class CompensationContext(
    AppDbContext db, CurrentUser user, CaseActors actors,
    IOptions<AtonementLimitOptions> limits, IOptions<AbuseOptions> abuse)
{
    private static readonly LedgerKind[] Granted = [LedgerKind.Approved, LedgerKind.Adjusted];

    /// <summary>The signed-in person's atonement limit: their own, else the highest default of their roles.</summary>
    public async Task<decimal> MyLimitAsync(CancellationToken ct)
    {
        var own = await db.Users.Where(u => u.Id == user.Id).Select(u => u.AtonementLimit).SingleOrDefaultAsync(ct);
        return limits.Value.EffectiveLimit(own, Roles.All.Where(user.IsInRole));
    }

    public async Task<CustomerFlag> FlagAsync(Guid customerId, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new { c.AbuseFlagClearedAt, c.AbuseFlagClearedByName, c.AbuseFlagClearedReason }).SingleAsync(ct);
        var policy = abuse.Value.Policy;
        var since = policy.WindowStart(actors.Now, customer.AbuseFlagClearedAt);
        var count = await db.Ledger.Where(l => l.CustomerId == customerId && Granted.Contains(l.Kind) && l.At >= since)
            .Select(l => l.CaseId).Distinct().CountAsync(ct);
        return new CustomerFlag(policy.IsFlagged(count), count, policy.Explain(count),
            customer.AbuseFlagClearedAt, customer.AbuseFlagClearedByName, customer.AbuseFlagClearedReason);
    }

    /// <summary>
    /// The customers flagged right now, by the same rule as <see cref="FlagAsync"/> (compensated cases in the
    /// window, counted from the flag's clearing if later), in one grouped query over the ledger's window.
    /// With <paramref name="among"/>, only those customers are looked at (e.g. the rows of one queue page).
    /// </summary>
    public async Task<List<Guid>> FlaggedCustomersAsync(IReadOnlyCollection<Guid>? among, CancellationToken ct) =>
        among is { Count: 0 } ? [] : await FlaggedCustomerIds(among).ToListAsync(ct);

    /// <summary>
    /// The query behind <see cref="FlaggedCustomersAsync"/>, one SQL statement in two parts. First the customers
    /// with at least the threshold of distinct compensated cases among the granted lines of the window (a range on
    /// <c>at</c>, then <c>GROUP BY customer_id HAVING count(*)</c> over the distinct customer/case pairs); clearing a
    /// flag only ever lowers that count, so these are all the flagged customers and maybe a few more. Then, for those
    /// whose flag was cleared inside the window only, the count again from the clearing, as <see cref="FlagAsync"/> does.
    /// </summary>
    public IQueryable<Guid> FlaggedCustomerIds(IReadOnlyCollection<Guid>? among = null)
    {
        var policy = abuse.Value.Policy;
        var since = policy.WindowStart(actors.Now, flagClearedAt: null);
        var threshold = policy.Threshold;
        var granted = db.Ledger.AsNoTracking().Where(l => Granted.Contains(l.Kind) && l.At >= since);
        if (among is not null)
        {
            var ids = among.ToArray();
            granted = granted.Where(l => ids.Contains(l.CustomerId));
        }

        var candidates = granted.Select(l => new { l.CustomerId, l.CaseId }).Distinct()
            .GroupBy(x => x.CustomerId).Where(g => g.Count() >= threshold).Select(g => g.Key);
        return db.Customers.AsNoTracking()
            .Where(c => candidates.Contains(c.Id))
            .Where(c => c.AbuseFlagClearedAt == null || c.AbuseFlagClearedAt <= since
                || db.Ledger.Where(l => l.CustomerId == c.Id && Granted.Contains(l.Kind) && l.At >= c.AbuseFlagClearedAt)
                    .Select(l => l.CaseId).Distinct().Count() >= threshold)
            .Select(c => c.Id);
    }

    public async Task<CompensationHistory> HistoryAsync(Guid customerId, string currency, CancellationToken ct)
    {
        var since = actors.Now.AddYears(-1);
        var granted = await db.Ledger.Where(l => l.CustomerId == customerId && Granted.Contains(l.Kind) && l.At >= since)
            .Select(l => l.Amount).ToListAsync(ct);
        return new CompensationHistory(granted.Count, granted.Sum(), currency);
    }

    /// <summary>The suggested range for a gesture on this case (severity × tier × value, repeat failures count up).</summary>
    public async Task<GuidanceSuggestion> GuidanceAsync(Guid caseId, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().Where(x => x.Id == caseId)
            .Select(x => new { x.CustomerId, x.Severity, x.TransactionValue, x.OpenedAt }).SingleAsync(ct);
        var tier = await db.Customers.Where(x => x.Id == c.CustomerId).Select(x => x.Tier).SingleAsync(ct);
        var yearBefore = c.OpenedAt.AddYears(-1);
        var earlier = await db.Cases.CountAsync(x => x.CustomerId == c.CustomerId && x.Id != caseId && x.OpenedAt >= yearBefore && x.OpenedAt < c.OpenedAt, ct);
        var bands = await db.GuidanceBands.AsNoTracking().ToListAsync(ct);
        return CompensationGuidance.Suggest(bands.Select(b => b.ToBand()).ToList(), c.Severity, tier, c.TransactionValue, earlier);
    }
}

/// <summary>The guidance panel shown while proposing and while approving.</summary>
public sealed record GuidancePanel(GuidanceSuggestion Suggestion, string Currency, CustomerFlag Flag, CompensationHistory History, decimal? Limit, CustomerTier Tier);
