using Quartz;
using ServiceRecovery.Web.Infrastructure.Messaging;

namespace ServiceRecovery.Web.Infrastructure.Jobs;

/// <summary>
/// Sends the due outbox messages (<see cref="OutboxSender"/>). Never two at once in the cluster (Quartz keeps a
/// non-concurrent job's trigger blocked while it runs); even if two ran, SKIP LOCKED gives them different rows.
/// </summary>
[DisallowConcurrentExecution]
public sealed class OutboxSenderJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("outbox-sender", "messages");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(cancellationToken);
    }
}
