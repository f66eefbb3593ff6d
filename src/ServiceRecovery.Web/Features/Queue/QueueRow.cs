using ServiceRecovery.Domain.Cases;

namespace ServiceRecovery.Web.Features.Queue;

/// <summary>One row of the queue.</summary>
public sealed record QueueRow(Guid Id, string Reference, Guid CustomerId, string CustomerName, Severity Severity, Stage Stage, Channel Channel, string Category,
    string? OwnerName, DateTimeOffset OpenedAt, DateTimeOffset? SlaDueAt, DateTimeOffset? SlaAtRiskAt, DateTimeOffset? WaitingSince,
    DateTimeOffset SortAt, int SeverityOrder)
{
    public string SlaState(DateTimeOffset now) =>
        SlaDueAt is { } breachedAt && breachedAt <= now ? "Breached" // a pause never hides a breach
        : WaitingSince is not null ? "Paused"
        : SlaDueAt is not { } due ? "Met"
        : due <= now ? "Breached"
        : SlaAtRiskAt <= now ? "At risk"
        : "On track";
}
