using ServiceRecovery.Domain.Cases;

namespace ServiceRecovery.Web.Features.Insights;

/// <summary>The period (org-local days, both included) and the filters of the dashboard.</summary>
public sealed record KpiFilter(DateOnly From, DateOnly To, string? Category = null, Severity? Severity = null, Channel? Channel = null, string? Owner = null, string? Cause = null)
{
    /// <summary>"none" for unassigned cases, or a user id.</summary>
    public Guid? OwnerId => Guid.TryParse(Owner, out var id) ? id : null;

    public bool Unassigned => string.Equals(Owner, "none", StringComparison.Ordinal);

    /// <summary>"none" for cases without a root cause, or a root cause id.</summary>
    public Guid? CauseId => Guid.TryParse(Cause, out var id) ? id : null;

    public bool Unclassified => string.Equals(Cause, "none", StringComparison.Ordinal);

    /// <summary>Whether a dimension filter (category, severity, channel, owner, root cause) is set.</summary>
    public bool Filtered => Category is not null || Severity is not null || Channel is not null || Owner is not null || Cause is not null;
}
