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

    /// <summary>The queue's word for a state (the case page says more: <see cref="SlaStates.Label"/>).</summary>
    public static string Short(SlaState state) => state switch
    {
        SlaState.OnTrack => "On track",
        SlaState.AtRisk => "At risk",
        SlaState.Paused => "Paused",
        _ => state.ToString(),
    };

    /// <summary>The queue row's highlight: breached and at-risk cases stand out.</summary>
    public static string Row(SlaState state) => state switch
    {
        SlaState.Breached => "table-danger",
        SlaState.AtRisk => "table-warning",
        _ => "",
    };

    public static string Due(DateTimeOffset due, DateTimeOffset now) =>
        due <= now ? $"breached {CaseViews.Ago(now - due)}" : $"due in {CaseViews.Age(due - now)}";

    public static string Describe(SlaEvaluation sla, DateTimeOffset now) =>
        sla.NextDueAt is { } due ? Due(due, now) : SlaStates.Label(sla.State);
}
