using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Web.Infrastructure.Messaging;

namespace ServiceRecovery.Web.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Kind).HasMaxLength(64).IsRequired();
        builder.Property(m => m.Language).HasMaxLength(2).IsRequired();
        builder.Property(m => m.ToAddress).HasMaxLength(FieldLimits.Email).IsRequired();
        builder.Property(m => m.ToName).HasMaxLength(FieldLimits.CustomerName).IsRequired();
        builder.Property(m => m.Subject).HasMaxLength(400).IsRequired();
        builder.Property(m => m.TextBody).IsRequired();
        builder.Property(m => m.HtmlBody).IsRequired();
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.LastError).HasMaxLength(OutboxMessage.MaxErrorLength);
        // xmin: the sender and an admin pressing "retry" on the same row cannot both win.
        builder.Property<uint>("Version").IsRowVersion();
        // The sender's question: what is pending and due? A partial index keeps it small however many were sent.
        builder.HasIndex(m => m.NextAttemptAt).HasFilter("status = 'Pending'").HasDatabaseName("ix_outbox_messages_due");
        builder.HasIndex(m => m.CaseId);
        builder.HasIndex(m => m.CreatedAt);
    }
}
