using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Surveys;

namespace ServiceRecovery.Web.Data.Configurations;

/// <summary>Survey links (ADR 0016): found by the SHA-256 of their token through a unique index; the token itself is never stored.</summary>
internal sealed class SurveyConfiguration : IEntityTypeConfiguration<SurveyInvitation>
{
    public void Configure(EntityTypeBuilder<SurveyInvitation> builder)
    {
        builder.ToTable("survey_invitations", t =>
        {
            t.HasCheckConstraint("ck_survey_invitations_token_hash", $"octet_length(token_hash) = {SurveyToken.HashBytes}");
            t.HasCheckConstraint("ck_survey_invitations_csat", "csat BETWEEN 1 AND 5");
            t.HasCheckConstraint("ck_survey_invitations_nps", "nps BETWEEN 0 AND 10");
        });
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.TokenHash).IsRequired();
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.Property(i => i.Language).HasMaxLength(2).IsRequired();
        builder.Property(i => i.Reason).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.IssuedByName).HasMaxLength(FieldLimits.PersonName).IsRequired();
        builder.Property(i => i.Comment).HasMaxLength(FieldLimits.FreeText);
        builder.HasIndex(i => new { i.CaseId, i.IssuedAt });
        // The dashboards' response rate and answers over time.
        builder.HasIndex(i => i.IssuedAt);
        builder.HasIndex(i => i.AnsweredAt).HasFilter("answered_at IS NOT NULL");
    }
}
