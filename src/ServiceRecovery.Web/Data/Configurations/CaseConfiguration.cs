using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Customers;

namespace ServiceRecovery.Web.Data.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("customers");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Name).HasMaxLength(FieldLimits.CustomerName).IsRequired();
        builder.Property(c => c.Language).HasMaxLength(2).IsRequired().HasDefaultValue(CustomerLanguages.Default);
        builder.Property(c => c.Email).HasMaxLength(FieldLimits.Email);
        builder.Property(c => c.Phone).HasMaxLength(FieldLimits.Phone);
        builder.Property(c => c.Tier).HasConversion<string>().HasMaxLength(20);
        builder.Property<uint>("Version").IsRowVersion();
        builder.Property(c => c.AbuseFlagClearedByName).HasMaxLength(FieldLimits.PersonName);
        builder.Property(c => c.AbuseFlagClearedReason).HasMaxLength(FieldLimits.FreeText);
        // Find-as-you-type on name, email and phone: trigram indexes make ILIKE '%term%' an index scan.
        builder.HasIndex(c => c.Name).HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.HasIndex(c => c.Email).HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.HasIndex(c => c.Phone).HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}

internal sealed class RecoveryCaseConfiguration : IEntityTypeConfiguration<RecoveryCase>
{
    public void Configure(EntityTypeBuilder<RecoveryCase> builder)
    {
        builder.ToTable("recovery_cases");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Reference).HasMaxLength(FieldLimits.Reference).IsRequired();
        builder.HasIndex(c => c.Reference).IsUnique();
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Channel).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Category).HasMaxLength(FieldLimits.Category).IsRequired();
        builder.Property(c => c.Severity).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.CustomerExpected).HasMaxLength(FieldLimits.FreeText);
        builder.Property(c => c.WhatHappened).HasMaxLength(FieldLimits.FreeText).IsRequired();
        builder.Property(c => c.CustomerWants).HasMaxLength(FieldLimits.FreeText);
        builder.Property(c => c.TransactionValue).HasPrecision(12, 2);
        builder.Property(c => c.Currency).HasMaxLength(FieldLimits.Currency);
        builder.Property(c => c.OwnerName).HasMaxLength(FieldLimits.PersonName);
        builder.Property(c => c.OpenedByName).HasMaxLength(FieldLimits.PersonName).IsRequired();
        builder.Property(c => c.Stage).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.WithdrawReason).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ClosingNote).HasMaxLength(FieldLimits.FreeText);
        builder.Property(c => c.RootCauseNote).HasMaxLength(FieldLimits.FreeText);
        builder.HasOne<RootCause>().WithMany().HasForeignKey(c => c.RootCauseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.RootCauseId, c.ClosedAt });
        builder.Ignore(c => c.HasRootCause);
        // The customer came back after the case closed (retention after recovery): the latest record wins.
        builder.Property(c => c.ReturnValue).HasPrecision(12, 2);
        builder.Property(c => c.ReturnCurrency).HasMaxLength(FieldLimits.Currency);
        builder.Ignore(c => c.HasReturn);
        builder.Ignore(c => c.AcceptsReturn);
        // Optimistic concurrency on PostgreSQL's xmin: any change to the row since it was read is detected.
        builder.Property<uint>("Version").IsRowVersion();

        // The customer's voice (ADR 0016): the latest survey answer kept on the case for the dashboards.
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_recovery_cases_nps_before", "nps_before BETWEEN 0 AND 10");
            t.HasCheckConstraint("ck_recovery_cases_nps_after", "nps_after BETWEEN 0 AND 10");
            t.HasCheckConstraint("ck_recovery_cases_csat", "csat BETWEEN 1 AND 5");
        });
        builder.HasMany(c => c.SurveyInvitations).WithOne().HasForeignKey(i => i.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(nameof(RecoveryCase.SurveyInvitations)).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(c => c.SurveyAnsweredThisRound);
        builder.Ignore(c => c.SurveyRefusal);

        builder.HasOne(c => c.Apology).WithOne().HasForeignKey<Apology>(a => a.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.ListeningNote).WithOne().HasForeignKey<ListeningNote>(l => l.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Fixes).WithOne().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Atonements).WithOne().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.FollowUps).WithOne().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Timeline).WithOne().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Ledger).WithOne().HasForeignKey(l => l.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.WaitingPeriods).WithOne().HasForeignKey(w => w.CaseId).OnDelete(DeleteBehavior.Restrict);
        foreach (var navigation in new[] { nameof(RecoveryCase.Fixes), nameof(RecoveryCase.Atonements), nameof(RecoveryCase.FollowUps), nameof(RecoveryCase.Timeline), nameof(RecoveryCase.Ledger), nameof(RecoveryCase.WaitingPeriods) })
        {
            builder.Navigation(navigation).UsePropertyAccessMode(PropertyAccessMode.Field);
        }

        builder.Ignore(c => c.LatestFix);
        builder.Ignore(c => c.Events);
        builder.Ignore(c => c.GrantedTotal);
        builder.Ignore(c => c.LatestAtonement);
        builder.Ignore(c => c.LatestFollowUp);
        builder.Ignore(c => c.PendingFollowUp);
        builder.Ignore(c => c.HasApprovedAtonement);
        builder.Ignore(c => c.IsTerminal);
        builder.Ignore(c => c.AllowedActions);
        builder.Ignore(c => c.Progress);
        builder.Ignore(c => c.PendingAtonement);
        builder.Ignore(c => c.IsWaitingForCustomer);

        // The queue's sort keys, computed by PostgreSQL so that every sort is an index scan with keyset paging.
        builder.Property<DateTimeOffset>(QueueColumns.SlaSortAt)
            .HasComputedColumnSql("COALESCE(sla_due_at, '9999-12-31 00:00:00+00'::timestamptz)", stored: true);
        // Most severe first, as an ascending key (so keyset paging can compare whole rows).
        builder.Property<int>(QueueColumns.SeverityOrder)
            .HasComputedColumnSql("CASE severity WHEN 'Critical' THEN 1 WHEN 'Major' THEN 2 WHEN 'Moderate' THEN 3 ELSE 4 END", stored: true);
        const string open = "stage NOT IN ('Closed', 'ClosedWithoutRecovery', 'Withdrawn')";
        builder.HasIndex(QueueColumns.SlaSortAt, "Id").HasDatabaseName("ix_queue_sla").HasFilter(open);
        builder.HasIndex(c => new { c.OpenedAt, c.Id }).HasDatabaseName("ix_queue_age").HasFilter(open);
        builder.HasIndex(QueueColumns.SeverityOrder, QueueColumns.SlaSortAt, "Id").HasDatabaseName("ix_queue_severity").HasFilter(open);
        builder.HasIndex("OwnerId", QueueColumns.SlaSortAt, "Id").HasDatabaseName("ix_queue_owner_sla").HasFilter(open);
        // One person's cases of one severity ("my breached Critical cases"): read in order, none filtered out.
        builder.HasIndex("OwnerId", "Severity", QueueColumns.SlaSortAt, "Id").HasDatabaseName("ix_queue_owner_severity_sla").HasFilter(open);
        // Everything the counts per stage and per SLA state read, so they are index-only scans of the open cases.
        builder.HasIndex(c => new { c.Stage, c.WaitingSince, c.SlaDueAt, c.SlaAtRiskAt }).HasDatabaseName("ix_queue_counts").HasFilter(open);

        builder.HasIndex(c => c.CustomerId);
        builder.HasIndex(c => new { c.OwnerId, c.Stage });
        builder.HasIndex(c => c.OpenedAt);
        // The daily KPI roll-up reads the cases closed on a day (Features/Insights/KpiRollup).
        builder.HasIndex(c => c.ClosedAt);
    }
}

internal sealed class CaseStepConfiguration :
    IEntityTypeConfiguration<Apology>,
    IEntityTypeConfiguration<ListeningNote>,
    IEntityTypeConfiguration<FixRecord>,
    IEntityTypeConfiguration<Atonement>,
    IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<Apology> builder)
    {
        builder.ToTable("case_apologies");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Words).HasMaxLength(FieldLimits.FreeText).IsRequired();
        builder.Property(a => a.CoachingHints).HasMaxLength(FieldLimits.FreeText);
        builder.Property(a => a.ByName).HasMaxLength(FieldLimits.PersonName);
    }

    public void Configure(EntityTypeBuilder<ListeningNote> builder)
    {
        builder.ToTable("case_listening_notes");
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.CustomerFeels).HasMaxLength(FieldLimits.FreeText).IsRequired();
        builder.Property(l => l.CustomerWouldLike).HasMaxLength(FieldLimits.FreeText);
        builder.Property(l => l.ByName).HasMaxLength(FieldLimits.PersonName);
    }

    public void Configure(EntityTypeBuilder<FixRecord> builder)
    {
        builder.ToTable("case_fixes");
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.WhatWasDone).HasMaxLength(FieldLimits.FreeText).IsRequired();
        builder.Property(f => f.ByName).HasMaxLength(FieldLimits.PersonName);
        builder.HasIndex(f => new { f.CaseId, f.Number }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<Atonement> builder)
    {
        builder.ToTable("case_atonements");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Gesture).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Amount).HasPrecision(12, 2);
        builder.Property(a => a.ProposerLimit).HasPrecision(12, 2);
        builder.Property(a => a.Currency).HasMaxLength(FieldLimits.Currency);
        builder.Property(a => a.Description).HasMaxLength(FieldLimits.FreeText);
        builder.Property(a => a.ProposedByName).HasMaxLength(FieldLimits.PersonName);
        builder.Property(a => a.DecidedByName).HasMaxLength(FieldLimits.PersonName);
        builder.Property(a => a.ProposedAmount).HasPrecision(12, 2);
        builder.Property(a => a.NeedsApprovalBecause).HasMaxLength(500);
        builder.Property(a => a.GuidanceNote).HasMaxLength(1000);
        builder.Property(a => a.DecisionReason).HasMaxLength(FieldLimits.FreeText);
        builder.Property(a => a.FulfilledByName).HasMaxLength(FieldLimits.PersonName);
        builder.Ignore(a => a.IsAdjusted);
        builder.Ignore(a => a.IsMoney);
        builder.HasIndex(a => new { a.CaseId, a.Number }).IsUnique();
        // The approvals queue: pending gestures, oldest first.
        builder.HasIndex(a => a.ProposedAt).HasFilter("status = 'PendingApproval'");
    }

    public void Configure(EntityTypeBuilder<FollowUp> builder)
    {
        builder.ToTable("case_follow_ups");
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.Note).HasMaxLength(FieldLimits.FreeText);
        builder.Property(f => f.ScheduledByName).HasMaxLength(FieldLimits.PersonName);
        builder.Property(f => f.ByName).HasMaxLength(FieldLimits.PersonName);
        builder.HasIndex(f => new { f.CaseId, f.Number }).IsUnique();
    }
}

internal sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> builder)
    {
        // Append-only: a trigger (see the AddRecoveryCases migration) refuses UPDATE and DELETE.
        builder.ToTable("case_timeline");
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.ActorName).HasMaxLength(FieldLimits.PersonName).IsRequired();
        builder.Property(t => t.Kind).HasMaxLength(64).IsRequired();
        builder.Property(t => t.Summary).HasMaxLength(500).IsRequired();
        builder.Property(t => t.FromStage).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.ToStage).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.Details).HasMaxLength(1000);
        builder.Property(t => t.Note).HasMaxLength(FieldLimits.FreeText);
        builder.HasIndex(t => new { t.CaseId, t.Sequence }).IsUnique();
        builder.HasIndex(t => t.RequestId).HasFilter("request_id IS NOT NULL");
    }
}

internal sealed class WaitingPeriodConfiguration : IEntityTypeConfiguration<WaitingPeriod>
{
    public void Configure(EntityTypeBuilder<WaitingPeriod> builder)
    {
        builder.ToTable("case_waiting_periods");
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.Property(w => w.Reason).HasMaxLength(FieldLimits.FreeText);
        builder.Property(w => w.StartedByName).HasMaxLength(FieldLimits.PersonName);
    }
}

internal sealed class CompensationEntryConfiguration : IEntityTypeConfiguration<CompensationEntry>
{
    public void Configure(EntityTypeBuilder<CompensationEntry> builder)
    {
        // Append-only, like the timeline (trigger in the AddApprovals migration).
        builder.ToTable("compensation_ledger");
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.Gesture).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.Amount).HasPrecision(12, 2);
        builder.Property(l => l.Currency).HasMaxLength(FieldLimits.Currency);
        builder.Property(l => l.StaffName).HasMaxLength(FieldLimits.PersonName);
        builder.Property(l => l.ActorName).HasMaxLength(FieldLimits.PersonName);
        builder.HasIndex(l => l.At);
        builder.HasIndex(l => new { l.CustomerId, l.At });
    }
}

internal sealed class ReferenceDataConfiguration :
    IEntityTypeConfiguration<CaseCategory>, IEntityTypeConfiguration<CoachingPhraseEntry>, IEntityTypeConfiguration<GuidanceBandRow>,
    IEntityTypeConfiguration<SlaTargetRow>, IEntityTypeConfiguration<SlaSettingsRow>
{
    public void Configure(EntityTypeBuilder<SlaTargetRow> builder)
    {
        builder.ToTable("sla_targets");
        builder.HasKey(t => t.Severity);
        builder.Property(t => t.Severity).HasConversion<string>().HasMaxLength(20);
    }

    public void Configure(EntityTypeBuilder<SlaSettingsRow> builder)
    {
        builder.ToTable("sla_settings");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.TimeZoneId).HasMaxLength(64);
        builder.Property(s => s.BusinessHours).HasMaxLength(200);
    }

    public void Configure(EntityTypeBuilder<GuidanceBandRow> builder)
    {
        builder.ToTable("guidance_bands");
        builder.HasKey(b => b.Severity);
        builder.Property(b => b.Severity).HasConversion<string>().HasMaxLength(20);
        builder.Property(b => b.MinPercent).HasPrecision(6, 2);
        builder.Property(b => b.MaxPercent).HasPrecision(6, 2);
        builder.Property(b => b.FixedMin).HasPrecision(12, 2);
        builder.Property(b => b.FixedMax).HasPrecision(12, 2);
    }

    public void Configure(EntityTypeBuilder<CaseCategory> builder)
    {
        builder.ToTable("case_categories");
        builder.Property(c => c.Name).HasMaxLength(FieldLimits.Category).IsRequired();
        builder.HasIndex(c => c.Name).IsUnique();
    }

    public void Configure(EntityTypeBuilder<CoachingPhraseEntry> builder)
    {
        builder.ToTable("coaching_phrases");
        builder.Property(c => c.Avoid).HasMaxLength(200).IsRequired();
        builder.Property(c => c.Suggestion).HasMaxLength(500).IsRequired();
        builder.Property(c => c.Why).HasMaxLength(500).IsRequired();
        builder.HasIndex(c => c.Avoid).IsUnique();
    }
}
