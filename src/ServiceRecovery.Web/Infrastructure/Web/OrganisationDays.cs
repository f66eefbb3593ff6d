namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>
/// Calendar days in the organisation's time zone (<c>Organisation:TimeZoneId</c>): the day an instant falls on, and the
/// instant a day begins. Periods of days (the queue's dashboard filters, the improvement inbox, the dashboard) are
/// [start of the first day, start of the day after the last).
/// </summary>
public static class OrganisationDays
{
    /// <summary>The day <paramref name="at"/> falls on in <paramref name="zone"/>.</summary>
    public static DateOnly DayOf(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>Local midnight of <paramref name="day"/> in <paramref name="zone"/>, as an instant.</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30); // a zone whose clocks jump at midnight: the day starts when it exists
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
