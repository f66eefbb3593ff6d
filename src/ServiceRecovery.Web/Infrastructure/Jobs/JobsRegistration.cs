using Microsoft.Extensions.Options;
using Quartz;
using Quartz.Impl;
using ServiceRecovery.Web.Infrastructure.Messaging;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Infrastructure.Jobs;

/// <summary>
/// Everything that runs in the background, in one place (ADR 0014): the outbox sender, the follow-up digest and the
/// process owners' weekly root-cause digest and the KPI roll-up on
/// Quartz.NET with its ADO job store on the app's PostgreSQL in clustered mode (tables from the EF migration, see
/// Data/QuartzSchema.cs), the SMTP settings, and Development's in-process SMTP server. With Jobs:Enabled false (the
/// tests' default) no scheduler starts; the sender and the digest can still be run directly.
/// </summary>
public static class JobsRegistration
{
    public static IServiceCollection AddAppJobs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<JobsOptions>(configuration.GetSection(JobsOptions.Section));
        services.Configure<SmtpOptions>(configuration.GetSection(SmtpOptions.Section));
        services.Configure<OutboxOptions>(configuration.GetSection(OutboxOptions.Section));
        services.Configure<DevSmtpServerOptions>(configuration.GetSection(DevSmtpServerOptions.Section));
        services.AddScoped<OutboxSender>();
        services.AddScoped<FollowUpDigest>();

        // Decided when the host starts, from the final configuration (a test's settings arrive after registration).
        services.AddSingleton(sp =>
        {
            var dev = sp.GetRequiredService<IOptions<DevSmtpServerOptions>>().Value;
            return new DevSmtpServer(dev.Port, dev.Capacity);
        });
        services.AddHostedService<DevSmtpServerHost>();

        services.AddOptions<QuartzSchedulerOptions>().Configure<IOptions<JobsOptions>>((o, jobs) =>
        {
            o.InstanceName = jobs.Value.SchedulerName;
            o.IdleWaitTime = TimeSpan.FromSeconds(jobs.Value.IdleWaitSeconds);
        });
        services.AddQuartz(q =>
        {
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(source => source.ConnectionStringName = "Default");
                store.UseClustering();
                store.UseSerializer<SystemTextJsonObjectSerializer>();
            });

            q.AddJob<OutboxSenderJob>(j => j.WithIdentity(OutboxSenderJob.Key).StoreDurably());
            q.AddTrigger((sp, t) => t
                .ForJob(OutboxSenderJob.Key)
                .WithIdentity("outbox-sender-every", "messages")
                .StartNow()
                .WithSimpleSchedule(s => s
                    .WithInterval(TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<JobsOptions>>().Value.OutboxIntervalSeconds)).RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));

            q.AddJob<FollowUpDigestJob>(j => j.WithIdentity(FollowUpDigestJob.Key).StoreDurably());
            q.AddTrigger((sp, t) => t
                .ForJob(FollowUpDigestJob.Key)
                .WithIdentity("follow-up-digest-daily", "messages")
                .WithCronSchedule(sp.GetRequiredService<IOptions<JobsOptions>>().Value.DigestCron, c => c
                    .InTimeZone(sp.GetRequiredService<IOptions<OrganisationOptions>>().Value.TimeZone)
                    // Down at 08:00 (a deploy)? Run once when back; the digest's own day check keeps it to one.
                    .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));

            q.AddJob<Features.Improvement.RootCauseDigestJob>(j => j.WithIdentity(Features.Improvement.RootCauseDigestJob.Key).StoreDurably());
            q.AddTrigger((sp, t) => t
                .ForJob(Features.Improvement.RootCauseDigestJob.Key)
                .WithIdentity("root-cause-digest-weekly", "messages")
                .WithCronSchedule(sp.GetRequiredService<IOptions<JobsOptions>>().Value.RootCauseDigestCron, c => c
                    .InTimeZone(sp.GetRequiredService<IOptions<OrganisationOptions>>().Value.TimeZone)
                    .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));

            q.AddJob<Features.Insights.KpiRollupJob>(j => j.WithIdentity(Features.Insights.KpiRollupJob.Key).StoreDurably());
            q.AddTrigger((sp, t) => t
                .ForJob(Features.Insights.KpiRollupJob.Key)
                .WithIdentity("kpi-rollup-every", "insights")
                .StartNow()
                .WithSimpleSchedule(s => s
                    .WithInterval(TimeSpan.FromMinutes(sp.GetRequiredService<IOptions<JobsOptions>>().Value.KpiRollupIntervalMinutes)).RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
        // Not AddQuartzHostedService: JobsHost starts the scheduler only when Jobs:Enabled says so.
        services.AddHostedService<JobsHost>();
        return services;
    }
}
