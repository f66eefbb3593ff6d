using ServiceRecovery.Web.Infrastructure.Cases;

namespace ServiceRecovery.Web.Data;

/// <summary>The SLA calendar: 24×7 or weekly business hours in a time zone, and the at-risk share.</summary>
public sealed class SlaSettingsRow
{
    public int Id { get; set; } = 1;

    public string TimeZoneId { get; set; } = "Europe/London";

    /// <summary>"24x7", or weekday hours such as "Mon-Fri 09:00-17:00" (see <see cref="SlaPolicies"/>).</summary>
    public string BusinessHours { get; set; } = "24x7";

    public int AtRiskPercent { get; set; } = 80;
}
