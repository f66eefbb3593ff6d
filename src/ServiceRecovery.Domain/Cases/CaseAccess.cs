using System.Linq.Expressions;
using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Cases;

/// <summary>
/// <see cref="RecoveryCase.MayBeActedOnBy"/> as a query filter, for lists that must show a person only the cases they
/// may act on (a frontline member of staff: their own and the unassigned ones). A test keeps the two in step.
/// </summary>
public static class CaseAccess
{
    public static Expression<Func<RecoveryCase, bool>> ActableBy(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.MayActOnAnyCase)
        {
            return c => true;
        }

        var me = actor.UserId;
        return actor.IsFrontline
            ? c => c.OwnerId == null || c.OwnerId == me
            : c => false;
    }
}
