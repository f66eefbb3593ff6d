using Quartz;

namespace ServiceRecovery.Web.Features.Insights;

/// <summary>
/// Every few minutes (Jobs:KpiRollupIntervalMinutes): brings the daily KPI roll-up up to date with the cases changed
/// since the last run (<see cref="KpiRollup.RefreshChangedAsync"/>). One instance at a time in the Quartz cluster; the
/// roll-up's own advisory lock keeps a start-up refresh and the job from overlapping too.
/// </summary>
[DisallowConcurrentExecution]
public sealed class KpiRollupJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("kpi-rollup", "insights");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<KpiRollup>().RefreshChangedAsync(cancellationToken);
    }
}
