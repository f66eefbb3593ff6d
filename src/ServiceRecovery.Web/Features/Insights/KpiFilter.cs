using ServiceRecovery.Domain.Cases;

namespace ServiceRecovery.Web.Features.Insights;

/// <summary>The period (org-local days, both included) and the filters of the dashboard.</summary>
public sealed record KpiFilter(DateOnly From, DateOnly To, string? Category = null, Severity? Severity = null, Channel? Channel = null, string? Owner = null)
{
    /// <summary>"none" for unassigned cases, or a user id.</summary>
    public Guid? OwnerId => Guid.TryParse(Owner, out var id) ? id : null;

    public bool Unassigned => string.Equals(Owner, "none", StringComparison.Ordinal);
}
