using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Sla;

namespace ServiceRecovery.Domain.Cases;

/// <summary>A stretch of time the case waited for the customer: the SLA clock does not run then.</summary>
public sealed class WaitingPeriod
{
    private WaitingPeriod()
    {
        Reason = StartedByName = string.Empty;
    }

    internal WaitingPeriod(Guid caseId, string reason, ActionContext ctx)
    {
        Id = Guid.CreateVersion7(ctx.Now);
        CaseId = caseId;
        Reason = reason;
        StartedAt = ctx.Now;
        StartedByName = ctx.Actor.Name;
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    public string Reason { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public string StartedByName { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public SlaPause ToPause() => new(StartedAt, EndedAt);

    internal void End(DateTimeOffset at) => EndedAt = at;
}
