using Microsoft.Extensions.Options;
using Quartz;

namespace ServiceRecovery.Web.Infrastructure.Jobs;

/// <summary>
/// Starts this instance's Quartz scheduler with the app (it joins the cluster) and shuts it down with it, letting a
/// running job finish. With Jobs:Enabled false nothing starts and the database's Quartz tables are not touched.
/// </summary>
public sealed partial class JobsHost(ISchedulerFactory schedulers, IOptions<JobsOptions> options, ILogger<JobsHost> logger) : IHostedService
{
    private IScheduler? _scheduler;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            LogDisabled();
            return;
        }

        _scheduler = await schedulers.GetScheduler(cancellationToken);
        await _scheduler.Start(cancellationToken);
        LogStarted(_scheduler.SchedulerName, _scheduler.SchedulerInstanceId);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_scheduler is { } scheduler)
        {
            await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Jobs are off (Jobs:Enabled false): no scheduler on this instance")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Information, Message = "Quartz scheduler {Scheduler} joined the cluster as {InstanceId}")]
    private partial void LogStarted(string scheduler, string instanceId);
}
