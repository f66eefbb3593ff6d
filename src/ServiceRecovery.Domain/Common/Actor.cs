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
}
