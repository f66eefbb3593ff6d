using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;

namespace ServiceRecovery.Web.Features.Improvement;

/// <summary>
/// Which root causes a person may work on in the improvement inbox: a manager all of them, a process owner only those
/// they own. Every query and command of the inbox goes through here (the one home of this rule).
/// </summary>
public sealed class ImprovementScope(AppDbContext db, CurrentUser user)
{
    public bool SeesAll => user.IsInRole(Roles.Manager);

    public Guid UserId => user.Id ?? Guid.Empty;

    /// <summary>The leaves this person may see, with their group's name and owner.</summary>
    public IQueryable<Cause> Causes(Guid? only = null)
    {
        var all = SeesAll;
        var me = UserId;
        return from cause in db.RootCauses.AsNoTracking()
        join g in db.RootCauseGroups.AsNoTracking() on cause.GroupId equals g.Id
        join u in db.Users.AsNoTracking() on cause.ProcessOwnerId equals u.Id into owners
        from owner in owners.DefaultIfEmpty()
        where (all || cause.ProcessOwnerId == me) && (only == null || cause.Id == only)
        orderby g.SortOrder, g.Name, cause.SortOrder, cause.Name
        select new Cause(cause.Id, g.Name, cause.Name, cause.IsActive && g.IsActive, cause.ProcessOwnerId, owner == null ? null : owner.DisplayName);
    }

    /// <summary>The cause, when this person may work on it; null otherwise (not there, or another owner's).</summary>
    public Task<Cause?> CauseAsync(Guid id, CancellationToken ct) => Causes(id).SingleOrDefaultAsync(ct);

    /// <summary>Refuses (403) unless this person may work on the cause.</summary>
    public async Task<Cause> RequireCauseAsync(Guid id, CancellationToken ct) =>
        await CauseAsync(id, ct) ?? throw new CaseAccessDeniedException("This root cause belongs to another process owner.");

    public sealed record Cause(Guid Id, string GroupName, string Name, bool IsActive, Guid? OwnerId, string? OwnerName)
    {
        public string FullName => new RootCauseLeaf(Id, GroupName, Name, IsActive).FullName;
    }
}
