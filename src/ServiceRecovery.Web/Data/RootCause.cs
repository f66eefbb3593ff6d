using ServiceRecovery.Domain.Cases;

namespace ServiceRecovery.Web.Data;

/// <summary>
/// A leaf of the root-cause taxonomy: what a case is classified as (by id, so a rename keeps every case pointing
/// here; the case timeline keeps the name written at the time). Its process owner is told when a case with this cause
/// closes. Retired (inactive), never deleted.
/// </summary>
public sealed class RootCause
{
    private RootCause()
    {
    }

    public RootCause(Guid groupId, string name, int sortOrder, Guid? processOwnerId)
    {
        Id = Guid.CreateVersion7();
        GroupId = groupId;
        Name = name;
        SortOrder = sortOrder;
        ProcessOwnerId = processOwnerId;
        IsActive = true;
    }

    public Guid Id { get; private set; }

    public Guid GroupId { get; set; }

    public string Name { get; set; } = "";

    public int SortOrder { get; set; }

    public bool IsActive { get; set; }

    /// <summary>The user (holding the ProcessOwner role) who owns the process behind this cause; null while nobody does.</summary>
    public Guid? ProcessOwnerId { get; set; }

    /// <summary>The leaf as the domain sees it, with its group's name.</summary>
    public RootCauseLeaf ToLeaf(string groupName, bool groupActive = true) => new(Id, groupName, Name, IsActive && groupActive);
}
