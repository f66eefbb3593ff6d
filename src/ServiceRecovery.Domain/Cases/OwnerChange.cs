namespace ServiceRecovery.Domain.Cases;

/// <summary>What a person may do about a case's owner (see <see cref="RecoveryCase.OwnerChangeFor"/>).</summary>
public enum OwnerChange
{
    /// <summary>Nothing: a finished case, or someone else's case for frontline staff.</summary>
    None,

    /// <summary>Take the unassigned case themselves (frontline staff).</summary>
    Take,

    /// <summary>Give the case to anyone, or return it to the unassigned pool (supervisors and managers).</summary>
    Reassign,
}
