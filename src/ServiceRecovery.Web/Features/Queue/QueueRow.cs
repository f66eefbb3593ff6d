using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Sla;

namespace ServiceRecovery.Web.Features.Queue;

/// <summary>One row of the queue.</summary>
public sealed record QueueRow(Guid Id, string Reference, Guid CustomerId, string CustomerName, Severity Severity, Stage Stage, Channel Channel, string Category,
    string? OwnerName, DateTimeOffset OpenedAt, DateTimeOffset? SlaDueAt, DateTimeOffset? SlaAtRiskAt, DateTimeOffset? WaitingSince,
    DateTimeOffset SortAt, int SeverityOrder)
{
    public SlaState SlaStateAt(DateTimeOffset now) => CaseSlaState.At(SlaDueAt, SlaAtRiskAt, WaitingSince, now);
}
