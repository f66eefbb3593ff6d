using Quartz;
using ServiceRecovery.Web.Infrastructure.Messaging;

namespace ServiceRecovery.Web.Infrastructure.Jobs;

/// <summary>
/// 08:00 in the organisation's time zone: each owner gets one message listing their follow-ups due today
/// (<see cref="FollowUpDigest"/>). The cluster fires it on one instance; the (job, day) row makes a second run that day
/// a no-op however it came about.
/// </summary>
[DisallowConcurrentExecution]
public sealed class FollowUpDigestJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("follow-up-digest", "messages");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FollowUpDigest>().RunAsync(cancellationToken);
    }
}
