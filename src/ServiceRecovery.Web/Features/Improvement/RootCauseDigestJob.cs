using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Improvement;

/// <summary>
/// Mondays at 08:00 in the organisation's zone (Jobs:RootCauseDigestCron): each process owner gets the week that just
/// ended (<see cref="RootCauseDigest"/>). Like the follow-up digest, the (job, week) row in <c>scheduled_runs</c> is
/// claimed in the same transaction as the messages, so a second run for that week — on another instance, or after a
/// misfire — enqueues nothing.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RootCauseDigestJob(IServiceScopeFactory scopes) : IJob
{
    public const string JobName = "root-cause-digest";

    public static readonly JobKey Key = new(JobName, "messages");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        await RunAsync(scope.ServiceProvider, cancellationToken);
    }

    /// <summary>The digest of last week; the number of messages enqueued, or null when that week's digest was already done.</summary>
    public static async Task<int?> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var digest = services.GetRequiredService<RootCauseDigest>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var zone = services.GetRequiredService<IOptions<OrganisationOptions>>().Value.TimeZone;
        var lastWeek = RootCauseDigest.WeekOf(OrganisationDays.DayOf(now, zone)).AddDays(-7);

        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var claimed = await db.Database.ExecuteSqlAsync(
                $"INSERT INTO scheduled_runs (job, day, ran_at, messages) VALUES ({JobName}, {lastWeek}, {now}, 0) ON CONFLICT DO NOTHING", token);
            if (claimed == 0)
            {
                return (int?)null;
            }

            var enqueued = await digest.EnqueueAsync(lastWeek, token);
            await db.SaveChangesAsync(token);
            await db.Database.ExecuteSqlAsync($"UPDATE scheduled_runs SET messages = {enqueued} WHERE job = {JobName} AND day = {lastWeek}", token);
            await transaction.CommitAsync(token);
            return (int?)enqueued;
        }, ct);
    }
}
