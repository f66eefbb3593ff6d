using ServiceRecovery.Domain.Sla;
using ServiceRecovery.Web.Features.Cases;

namespace ServiceRecovery.Web.Features.Queue;

/// <summary>How SLA states look on the case page and in the queue.</summary>
public static class SlaDisplay
{
    public static string Badge(SlaState state) => state switch
    {
        SlaState.Breached => "text-bg-danger",
        SlaState.AtRisk => "text-bg-warning",
        SlaState.Paused => "text-bg-info",
        SlaState.Met => "text-bg-success",
        _ => "text-bg-light",
    };

    public static string Due(DateTimeOffset due, DateTimeOffset now) =>
        due <= now ? $"breached {CaseViews.Age(now - due)} ago" : $"due in {CaseViews.Age(due - now)}";

    public static string Describe(SlaEvaluation sla, DateTimeOffset now) =>
        sla.NextDueAt is { } due ? Due(due, now) : SlaStates.Label(sla.State);
}
