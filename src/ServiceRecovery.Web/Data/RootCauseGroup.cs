namespace ServiceRecovery.Web.Data;

/// <summary>The first level of the root-cause taxonomy (People, Process, Facility, ...). Retired, never deleted.</summary>
public sealed class RootCauseGroup
{
    private RootCauseGroup()
    {
    }

    public RootCauseGroup(string name, int sortOrder)
    {
        Id = Guid.CreateVersion7();
        Name = name;
        SortOrder = sortOrder;
        IsActive = true;
    }

    public Guid Id { get; private set; }

    public string Name { get; set; } = "";

    public int SortOrder { get; set; }

    public bool IsActive { get; set; }
}
