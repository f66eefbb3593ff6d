using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Who a case can be given to: enabled users with a case-working role (not Admin or ProcessOwner alone) (also the queue's bulk-assign list).</summary>
public static class Assignees
{
    public sealed record Person(Guid Id, string Name);

    public static IQueryable<AppUser> Active(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var staffRoleIds = Roles.Seed.Where(r => r.Name is not (Roles.Admin or Roles.ProcessOwner)).Select(r => r.Id).ToList();
        return db.Users.AsNoTracking().Where(u => !u.IsDisabled && db.UserRoles.Any(ur => ur.UserId == u.Id && staffRoleIds.Contains(ur.RoleId)));
    }
}
