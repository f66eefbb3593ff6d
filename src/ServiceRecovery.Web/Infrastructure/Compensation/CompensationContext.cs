using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Compensation;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;

namespace ServiceRecovery.Web.Infrastructure.Compensation;

/// <summary>
/// What proposing and approving a gesture need to know, from the database: the person's limit, the
/// customer's repeated-compensation flag and history, and the guidance range for the case.
/// </summary>
public sealed class CompensationContext(
    AppDbContext db, CurrentUser user, CaseActors actors,
    IOptions<AtonementLimitOptions> limits, IOptions<AbuseOptions> abuse, IOptions<Infrastructure.Web.OrganisationOptions> organisation)
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
        var since = policy.FlagWindowStart(actors.Now, customer.AbuseFlagClearedAt);
        var granted = await GrantedSince(customerId, since).Select(l => l.Amount).ToListAsync(ct);
        var (count, amount) = (granted.Count, granted.Sum());
        return new CustomerFlag(policy.IsFlagged(count, amount), count, amount, policy.Explain(count, amount, organisation.Value.Currency),
            customer.AbuseFlagClearedAt, customer.AbuseFlagClearedByName, customer.AbuseFlagClearedReason);
    }

    /// <summary>
    /// The signed-in person's power to grant a gesture to this customer, for a command that is about to record or
    /// decide one. It first locks the customer's row (<c>FOR NO KEY UPDATE</c>, until the command's transaction ends),
    /// then reads the customer's granted compensation: two gestures for one customer, on one case or two, are
    /// decided one after the other, each seeing what the other granted (ADR 0009). Call it inside the unit of work.
    /// </summary>
    public async Task<Empowerment> EmpowermentAsync(Guid customerId, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The customer lock needs the command's transaction (the unit of work).");
        }

        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM customers WHERE id = {customerId} FOR NO KEY UPDATE", ct);
        var clearedAt = await db.Customers.Where(c => c.Id == customerId).Select(c => c.AbuseFlagClearedAt).SingleAsync(ct);
        var policy = abuse.Value.Policy;
        var windowStart = policy.WindowStart(actors.Now);
        var flagStart = policy.FlagWindowStart(actors.Now, clearedAt);
        var lines = await GrantedSince(customerId, windowStart).Select(l => new { l.At, l.Amount }).ToListAsync(ct);
        var flagLines = lines.Where(l => l.At >= flagStart).ToList();
        var customer = new CustomerCompensation(lines.Sum(l => l.Amount), flagLines.Count, flagLines.Sum(l => l.Amount));
        return new Empowerment(await MyLimitAsync(ct), organisation.Value.Currency, customer, policy);
    }

    /// <summary>
    /// For display beside the gesture form (not a decision: <see cref="EmpowermentAsync"/> decides): what the case and
    /// the customer were granted so far, the window, and how much more fits the signed-in person's limit.
    /// </summary>
    public async Task<RunningTotals> RunningTotalsAsync(Guid caseId, Guid customerId, CancellationToken ct)
    {
        var policy = abuse.Value.Policy;
        var onCase = await db.Ledger.Where(l => l.CaseId == caseId && Granted.Contains(l.Kind)).SumAsync(l => l.Amount, ct);
        var toCustomer = await GrantedSince(customerId, policy.WindowStart(actors.Now)).SumAsync(l => l.Amount, ct);
        var limit = await MyLimitAsync(ct);
        return new RunningTotals(onCase, toCustomer, policy.WindowDays, Math.Max(0m, limit - Math.Max(onCase, toCustomer)));
    }

    /// <summary>The customer's granted gestures (approved or adjusted ledger lines) since a moment: what every rule here counts.</summary>
    private IQueryable<CompensationEntry> GrantedSince(Guid customerId, DateTimeOffset since) =>
        db.Ledger.Where(l => l.CustomerId == customerId && Granted.Contains(l.Kind) && l.At >= since);

    /// <summary>
    /// The customers flagged right now, by the same rule as <see cref="FlagAsync"/> (granted gestures and their
    /// amount in the window, counted from the flag's clearing if later), in one grouped query over the ledger's window.
    /// With <paramref name="among"/>, only those customers are looked at (e.g. the rows of one queue page).
    /// </summary>
    public async Task<List<Guid>> FlaggedCustomersAsync(IReadOnlyCollection<Guid>? among, CancellationToken ct) =>
        among is { Count: 0 } ? [] : await FlaggedCustomerIds(among).ToListAsync(ct);

    /// <summary>
    /// The query behind <see cref="FlaggedCustomersAsync"/>, one SQL statement in two parts. First the customers
    /// whose granted lines in the window reach the gesture or amount threshold (a range on <c>at</c>, then
    /// <c>GROUP BY customer_id HAVING</c>); clearing a flag only ever lowers those figures, so these are all the flagged
    /// customers and maybe a few more. Then, for those whose flag was cleared inside the window only, the figures
    /// again from the clearing, as <see cref="FlagAsync"/> does.
    /// </summary>
    public IQueryable<Guid> FlaggedCustomerIds(IReadOnlyCollection<Guid>? among = null)
    {
        var policy = abuse.Value.Policy;
        var since = policy.WindowStart(actors.Now);
        var threshold = policy.GestureThreshold;
        // Without an amount signal, no sum can reach it.
        var amountThreshold = policy.AmountThreshold > 0m ? policy.AmountThreshold : decimal.MaxValue;
        var granted = db.Ledger.AsNoTracking().Where(l => Granted.Contains(l.Kind) && l.At >= since);
        if (among is not null)
        {
            var ids = among.ToArray();
            granted = granted.Where(l => ids.Contains(l.CustomerId));
        }

        var candidates = granted.GroupBy(l => l.CustomerId)
            .Where(g => g.Count() >= threshold || g.Sum(l => l.Amount) >= amountThreshold).Select(g => g.Key);
        return db.Customers.AsNoTracking()
            .Where(c => candidates.Contains(c.Id))
            .Where(c => c.AbuseFlagClearedAt == null || c.AbuseFlagClearedAt <= since
                || db.Ledger.Count(l => l.CustomerId == c.Id && Granted.Contains(l.Kind) && l.At >= c.AbuseFlagClearedAt) >= threshold
                || db.Ledger.Where(l => l.CustomerId == c.Id && Granted.Contains(l.Kind) && l.At >= c.AbuseFlagClearedAt).Sum(l => l.Amount) >= amountThreshold)
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
