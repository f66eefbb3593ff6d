using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Customers;
using ServiceRecovery.Web.Infrastructure.Auth;

namespace ServiceRecovery.Web.Data;

/// <summary>
/// The one DbContext. Handlers use it directly (no repository layer, see docs/decisions/0002).
/// Identity and the data-protection key ring live in the same database.
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<AppUser, AppRole, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<RecoveryCase> Cases => Set<RecoveryCase>();

    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();

    public DbSet<CaseCategory> Categories => Set<CaseCategory>();

    public DbSet<CoachingPhraseEntry> CoachingPhrases => Set<CoachingPhraseEntry>();

    public DbSet<GuidanceBandRow> GuidanceBands => Set<GuidanceBandRow>();

    public DbSet<CompensationEntry> Ledger => Set<CompensationEntry>();

    public DbSet<SlaTargetRow> SlaTargets => Set<SlaTargetRow>();

    public DbSet<SlaSettingsRow> SlaSettings => Set<SlaSettingsRow>();

    public DbSet<RootCauseGroup> RootCauseGroups => Set<RootCauseGroup>();

    public DbSet<RootCause> RootCauses => Set<RootCause>();

    public DbSet<Domain.Improvement.ImprovementAction> ImprovementActions => Set<Domain.Improvement.ImprovementAction>();

    public DbSet<ImprovementActionCase> ImprovementActionCases => Set<ImprovementActionCase>();

    public DbSet<Infrastructure.Messaging.OutboxMessage> OutboxMessages => Set<Infrastructure.Messaging.OutboxMessage>();

    public DbSet<ScheduledRun> ScheduledRuns => Set<ScheduledRun>();

    /// <summary>Numbers of case references (SR-2026-000123); a sequence, so numbers are unique without locking.</summary>
    public const string CaseNumberSequence = "case_number_seq";

    /// <summary>
    /// Every instant is stored in UTC. The app works in the organisation's local time (and the SLA calendar in its own
    /// zone, e.g. 10:30+01:00 in British Summer Time), but PostgreSQL's <c>timestamptz</c> through Npgsql takes offset zero
    /// only; converting here, once, means no caller has to remember (TimeZoneTests).
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcInstantConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcInstantConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.HasSequence<long>(CaseNumberSequence).StartsAt(1);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
