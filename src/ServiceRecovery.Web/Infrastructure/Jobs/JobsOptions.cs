namespace ServiceRecovery.Web.Infrastructure.Jobs;

/// <summary>The background jobs (section "Jobs"): Quartz.NET, clustered on the app's PostgreSQL (ADR 0014).</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>On in Development and production; the tests' app turns it off unless a test is about the jobs.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Every instance on one database shares the schedule under this name (a second, separate schedule would need another).</summary>
    public string SchedulerName { get; set; } = "ServiceRecovery";

    /// <summary>How often the outbox sender looks for due messages.</summary>
    public double OutboxIntervalSeconds { get; set; } = 15;

    /// <summary>The follow-up digest: a Quartz cron expression, in the organisation's time zone (08:00 every day).</summary>
    public string DigestCron { get; set; } = "0 0 8 * * ?";

    /// <summary>When process owners get last week's root-cause digest (Quartz cron, organisation's zone): Mondays 08:00.</summary>
    public string RootCauseDigestCron { get; set; } = "0 0 8 ? * MON";

    /// <summary>How often the daily KPI roll-up catches up with changed cases (the dashboard adds today live).</summary>
    public int KpiRollupIntervalMinutes { get; set; } = 5;

    /// <summary>How often each instance tells the cluster it is alive; one silent for longer is presumed dead and its jobs recovered.</summary>
    public double CheckinIntervalSeconds { get; set; } = 7.5;

    /// <summary>How long an idle scheduler sleeps before it looks for triggers again (short in tests).</summary>
    public double IdleWaitSeconds { get; set; } = 30;
}
