namespace ServiceRecovery.Domain.Cases;

/// <summary>
/// A leaf of the root-cause taxonomy as it is now (e.g. Process › Hand-off): what a case points at by
/// <see cref="Id"/>. The names are read at the time of a change and written into the case's timeline, so a later
/// rename does not rewrite history.
/// </summary>
public sealed record RootCauseLeaf(Guid Id, string GroupName, string Name, bool IsActive)
{
    /// <summary>"Group › Leaf", or the leaf's name alone when it has the group's name.</summary>
    public string FullName => string.Equals(GroupName, Name, StringComparison.Ordinal) ? Name : $"{GroupName} › {Name}";

    /// <summary>Longest name of a group or leaf.</summary>
    public const int MaxNameLength = 100;
}
