using ServiceRecovery.Domain.Cases;

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

/// <summary>
/// A phrase the apology coach flags, with what to say instead. Seeded from <see cref="ApologyCoach.DefaultPhrases"/>,
/// then edited by an Admin.
/// </summary>
public sealed class CoachingPhraseEntry
{
    private CoachingPhraseEntry()
    {
    }

    public CoachingPhraseEntry(string avoid, string suggestion, string why)
    {
        Avoid = avoid;
        Suggestion = suggestion;
        Why = why;
        IsActive = true;
    }

    public int Id { get; private set; }

    public string Avoid { get; set; } = "";

    public string Suggestion { get; set; } = "";

    public string Why { get; set; } = "";

    public bool IsActive { get; set; }

    public CoachingPhrase ToPhrase() => new(Avoid, Suggestion, Why);
}

/// <summary>One editable row of the compensation guidance policy (see <see cref="Domain.Compensation.CompensationGuidance"/>).</summary>
public sealed class GuidanceBandRow
{
    public Domain.Cases.Severity Severity { get; set; }

    public decimal MinPercent { get; set; }

    public decimal MaxPercent { get; set; }

    public decimal FixedMin { get; set; }

    public decimal FixedMax { get; set; }

    public Domain.Compensation.GuidanceBand ToBand() => new(Severity, MinPercent, MaxPercent, FixedMin, FixedMax);
}

/// <summary>SLA targets of one severity, in minutes (Admin → SLA).</summary>
public sealed class SlaTargetRow
{
    public Domain.Cases.Severity Severity { get; set; }

    public int FirstResponseMinutes { get; set; }

    public int ResolutionMinutes { get; set; }
}

/// <summary>The SLA calendar: 24×7 or weekly business hours in a time zone, and the at-risk share.</summary>
public sealed class SlaSettingsRow
{
    public int Id { get; set; } = 1;

    public string TimeZoneId { get; set; } = "Europe/London";

    /// <summary>"24x7", or weekday hours such as "Mon-Fri 09:00-17:00" (see <see cref="Features.Queue.SlaPolicies"/>).</summary>
    public string BusinessHours { get; set; } = "24x7";

    public int AtRiskPercent { get; set; } = 80;
}
