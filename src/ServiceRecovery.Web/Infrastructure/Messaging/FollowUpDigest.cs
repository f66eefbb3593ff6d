using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Customers;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Infrastructure.Messaging;

/// <summary>
/// The morning digest: to each owner, one message listing their cases waiting in follow-up whose follow-up is due on or
/// before today (the organisation's calendar day, as "My cases" counts them). Once a day: the (job, day) row in
/// <c>scheduled_runs</c> is inserted in the same transaction as the messages, so a second run that day — on this
/// instance or another, at the same moment or later — enqueues nothing.
/// </summary>
public sealed partial class FollowUpDigest(
    AppDbContext db, Outbox outbox, TimeProvider clock, IOptions<OrganisationOptions> organisation, IOptions<AppOptions> app,
    ILogger<FollowUpDigest> logger)
{
    public const string JobName = "follow-up-digest";

    /// <summary>The digest for today; the number of messages enqueued, or null when today's digest was already done.</summary>
    public async Task<int?> RunAsync(CancellationToken ct)
    {
        var org = organisation.Value;
        var now = clock.GetUtcNow();
        var today = OrganisationDays.DayOf(now, org.TimeZone);

        var strategy = db.Database.CreateExecutionStrategy();
        var result = await strategy.ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            // Claim the day first: a second run waits here on the key until the first commits, then finds it taken.
            var claimed = await db.Database.ExecuteSqlAsync(
                $"INSERT INTO scheduled_runs (job, day, ran_at, messages) VALUES ({JobName}, {today}, {now}, 0) ON CONFLICT DO NOTHING", token);
            if (claimed == 0)
            {
                return (int?)null;
            }

            var due = await db.Cases.AsNoTracking()
                .Where(c => c.Stage == Stage.FollowUpDue && c.FollowUpDueOn <= today && c.OwnerId != null)
                .Join(db.Customers, c => c.CustomerId, cu => cu.Id, (c, cu) => new { OwnerId = c.OwnerId!.Value, c.Reference, Customer = cu.Name, DueOn = c.FollowUpDueOn!.Value })
                .ToListAsync(token);
            var ownerIds = due.Select(d => d.OwnerId).Distinct().ToList();
            var owners = await db.Users.AsNoTracking()
                .Where(u => ownerIds.Contains(u.Id) && !u.IsDisabled && u.Email != null)
                .Select(u => new { u.Id, Email = u.Email!, u.DisplayName })
                .ToListAsync(token);

            var culture = org.DisplayCulture;
            foreach (var owner in owners.OrderBy(o => o.DisplayName, StringComparer.Ordinal))
            {
                var cases = due.Where(d => d.OwnerId == owner.Id).OrderBy(d => d.DueOn).ThenBy(d => d.Reference, StringComparer.Ordinal)
                    .Select(d => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
                    {
                        ["reference"] = d.Reference,
                        ["customer"] = d.Customer,
                        ["due"] = d.DueOn.ToString("d MMM yyyy", culture),
                        ["overdue"] = d.DueOn < today,
                        ["url"] = app.Value.Link(Routes.Case(d.Reference)),
                    })
                    .ToList();
                outbox.Enqueue(MessageKinds.FollowUpsDueToday, new MessageRecipient(owner.Email, owner.DisplayName), CustomerLanguages.English,
                    new Dictionary<string, object?>
                    {
                        ["owner_name"] = owner.DisplayName,
                        ["organisation"] = org.Name,
                        ["today"] = today.ToString("dddd d MMMM yyyy", culture),
                        ["count"] = cases.Count,
                        ["cases"] = cases,
                        ["my_cases_url"] = app.Value.Link(Routes.MyCases),
                    });
            }

            await db.SaveChangesAsync(token);
            await db.Database.ExecuteSqlAsync($"UPDATE scheduled_runs SET messages = {owners.Count} WHERE job = {JobName} AND day = {today}", token);
            await transaction.CommitAsync(token);
            return owners.Count;
        }, ct);
        db.ChangeTracker.Clear();

        if (result is { } count)
        {
            LogDigest(today, count);
        }
        else
        {
            LogAlreadyDone(today);
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Follow-up digest for {Day}: {Count} owner message(s) enqueued")]
    private partial void LogDigest(DateOnly day, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Follow-up digest for {Day} was already done; nothing enqueued")]
    private partial void LogAlreadyDone(DateOnly day);
}
