using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Improvement;
using ServiceRecovery.Web.Infrastructure.Auth;

namespace ServiceRecovery.Web.Data.Configurations;

/// <summary>The root-cause taxonomy and improvement actions.</summary>
internal sealed class ImprovementConfiguration :
    IEntityTypeConfiguration<RootCauseGroup>, IEntityTypeConfiguration<RootCause>,
    IEntityTypeConfiguration<ImprovementAction>, IEntityTypeConfiguration<ImprovementActionCase>
{
    public void Configure(EntityTypeBuilder<RootCauseGroup> builder)
    {
        builder.ToTable("root_cause_groups");
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.Name).HasMaxLength(RootCauseLeaf.MaxNameLength).IsRequired();
        builder.HasIndex(g => g.Name).IsUnique();
    }

    public void Configure(EntityTypeBuilder<RootCause> builder)
    {
        builder.ToTable("root_causes");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Name).HasMaxLength(RootCauseLeaf.MaxNameLength).IsRequired();
        builder.HasOne<RootCauseGroup>().WithMany().HasForeignKey(c => c.GroupId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.ProcessOwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.GroupId, c.Name }).IsUnique();
        builder.HasIndex(c => c.ProcessOwnerId);
    }

    public void Configure(EntityTypeBuilder<ImprovementAction> builder)
    {
        builder.ToTable("improvement_actions");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.HasOne<RootCause>().WithMany().HasForeignKey(a => a.RootCauseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.WhatWillChange).HasMaxLength(ImprovementAction.MaxWhatLength).IsRequired();
        builder.Property(a => a.OwnerName).HasMaxLength(FieldLimits.PersonName).IsRequired();
        builder.Property(a => a.OpenedByName).HasMaxLength(FieldLimits.PersonName).IsRequired();
        builder.Ignore(a => a.IsDone);
        builder.HasIndex(a => a.RootCauseId);
        // Optimistic concurrency on PostgreSQL's xmin (two people marking the same action done).
        builder.Property<uint>("Version").IsRowVersion();
    }

    public void Configure(EntityTypeBuilder<ImprovementActionCase> builder)
    {
        builder.ToTable("improvement_action_cases");
        builder.HasKey(l => new { l.ActionId, l.CaseId });
        builder.HasOne<ImprovementAction>().WithMany().HasForeignKey(l => l.ActionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<RecoveryCase>().WithMany().HasForeignKey(l => l.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => l.CaseId);
    }
}
