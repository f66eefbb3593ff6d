using System.Globalization;
using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Staff;

/// <summary>
/// The controls on staff accounts, whoever changes them and from whichever page: nobody changes their own powers
/// (roles, atonement limit, enabled state); a change that gives approving or administering power is called out
/// for the audit trail; there is always an active administrator.
/// </summary>
public static class AccountRules
{
    /// <summary>Roles that approve money or administer others.</summary>
    public const StaffRole Privileged = StaffRole.Supervisor | StaffRole.Manager | StaffRole.Admin;

    /// <summary>Refuses a change to one's own roles, limit or enabled state (a name change is fine).</summary>
    public static void EnsureNotOwnPowers(Guid actorId, Guid accountId, bool changesPowers)
    {
        if (actorId == accountId && changesPowers)
        {
            throw new DomainException(
                "You cannot change your own roles, atonement limit or account status. Ask another administrator.",
                "account.own_powers");
        }
    }

    /// <summary>
    /// Refuses a change that leaves no active administrator: <paramref name="takesAwayAnAdmin"/> is true when the
    /// change removes the Admin role from an enabled account, or disables an account that has it.
    /// </summary>
    public static void EnsureAnAdministratorRemains(bool takesAwayAnAdmin, int otherActiveAdministrators, string accountName)
    {
        if (takesAwayAnAdmin && otherActiveAdministrators == 0)
        {
            throw new DomainException(
                $"{accountName} is the last active administrator. Give another person the Admin role first.",
                "account.last_admin");
        }
    }

    /// <summary>
    /// What a change gives that approves money or administers others — new Supervisor, Manager or Admin roles, or an
    /// atonement limit above the Supervisor default — as a sentence for the audit trail; null when it gives neither.
    /// </summary>
    public static string? Elevation(
        StaffRole before, StaffRole after, decimal? limitBefore, decimal? limitAfter, decimal supervisorDefault, string currency)
    {
        var parts = new List<string>();
        var added = after & ~before & Privileged;
        if (added != StaffRole.None)
        {
            parts.Add("gave the role(s) " + string.Join(", ", Enum.GetValues<StaffRole>().Where(r => r != StaffRole.None && added.HasFlag(r))));
        }

        if (limitAfter is { } limit && limit > supervisorDefault && limitAfter != limitBefore)
        {
            parts.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"set an atonement limit of {limit:0.00} {currency}, above the Supervisor default of {supervisorDefault:0.00} {currency}"));
        }

        return parts.Count == 0 ? null : string.Join("; ", parts) + ".";
    }
}
