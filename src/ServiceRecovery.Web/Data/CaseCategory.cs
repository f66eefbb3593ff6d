
namespace ServiceRecovery.Web.Data;

/// <summary>A complaint category (the configurable list on the intake form). Retired, never deleted.</summary>
public sealed class CaseCategory
{
    private CaseCategory()
    {
    }

    public CaseCategory(string name, int sortOrder)
    {
        Name = name;
        SortOrder = sortOrder;
        IsActive = true;
    }

    public int Id { get; private set; }

    public string Name { get; set; } = "";

    public int SortOrder { get; set; }

    public bool IsActive { get; set; }

    public static readonly IReadOnlyList<string> Defaults =
    [
        "Room and facilities", "Cleanliness", "Noise", "Food and drink", "Staff attitude",
        "Waiting and delays", "Booking and reservations", "Billing and charges", "Lost property", "Other",
    ];
}
