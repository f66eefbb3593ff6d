using Microsoft.Extensions.Options;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Infrastructure.Cases;

/// <summary>Turns the signed-in user into the domain's <see cref="Actor"/> and the organisation's local time.</summary>
public sealed class CaseActors(CurrentUser currentUser, TimeProvider clock, IOptions<OrganisationOptions> organisation, SlaPolicies policies)
{
    public Actor Actor
    {
        get
        {
            var roles = StaffRole.None;
            if (currentUser.IsInRole(Roles.Frontline)) roles |= StaffRole.Frontline;
            if (currentUser.IsInRole(Roles.Supervisor)) roles |= StaffRole.Supervisor;
            if (currentUser.IsInRole(Roles.Manager)) roles |= StaffRole.Manager;
            if (currentUser.IsInRole(Roles.Admin)) roles |= StaffRole.Admin;
            return new Actor(currentUser.Id ?? Guid.Empty, currentUser.Name, roles);
        }
    }

    /// <summary>Now, in the organisation's time zone (follow-up dates are the organisation's calendar days).</summary>
    public DateTimeOffset Now => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), organisation.Value.TimeZone);

    /// <summary>The organisation's time zone (its calendar days).</summary>
    public TimeZoneInfo TimeZone => organisation.Value.TimeZone;

    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    public ActionContext Context(Guid? requestId = null) => new(Actor, Now, requestId);

    /// <summary>A context for changing cases: with the SLA policy, so that each case keeps its own deadlines up to date.</summary>
    public async Task<ActionContext> CaseContextAsync(Guid? requestId, CancellationToken ct) =>
        new(Actor, Now, requestId, await policies.GetAsync(ct));
}
