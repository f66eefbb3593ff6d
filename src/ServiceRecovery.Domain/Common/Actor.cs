namespace ServiceRecovery.Domain.Common;

/// <summary>The roles a staff member holds; a person may hold several.</summary>
[Flags]
public enum StaffRole
{
    None = 0,
    Frontline = 1,
    Supervisor = 2,
    Manager = 4,
    Admin = 8,
}

/// <summary>The staff member performing an action.</summary>
public sealed record Actor(Guid UserId, string Name, StaffRole Roles)
{
    /// <summary>Supervisor or Manager: may approve, reassign and handle escalations.</summary>
    public bool IsSupervisorOrAbove => (Roles & (StaffRole.Supervisor | StaffRole.Manager)) != StaffRole.None;

    /// <summary>Supervisor, Manager or Admin: may act on any case, whoever owns it.</summary>
    public bool MayActOnAnyCase =>
        (Roles & (StaffRole.Supervisor | StaffRole.Manager | StaffRole.Admin)) != StaffRole.None;

    public bool IsFrontline => (Roles & StaffRole.Frontline) != StaffRole.None;

    /// <summary>The id every action taken by a member of the public carries (public complaint form, survey link).</summary>
    public static readonly Guid CustomerActorId = new("00000000-0000-0000-0000-00000000c057");

    /// <summary>
    /// A member of the public acting through the public pages, under their own name: no account, no staff role, so
    /// none of the staff intentions accept them; only the methods written for the customer do (check
    /// <see cref="IsCustomer"/>).
    /// </summary>
    public static Actor Customer(string name) => new(CustomerActorId, name, StaffRole.None);

    public bool IsCustomer => UserId == CustomerActorId;
}
