using ServiceRecovery.Domain.Sla;

namespace ServiceRecovery.Domain.Tests.Sla;

/// <summary>Time zones, calendars and wall-clock instants for the SLA tests (a fake clock: every "now" is explicit).</summary>
internal static class SlaTestTime
{
    public static TimeZoneInfo London { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static TimeZoneInfo NewYork { get; } = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>Mon–Fri 09:00–17:00, Europe/London.</summary>
    public static BusinessCalendar OfficeHours { get; } = OfficeHoursIn(London);

    /// <summary>Mon–Fri 09:00–12:00 and 13:00–17:00, Europe/London.</summary>
    public static BusinessCalendar LunchBreakHours { get; } =
        BusinessCalendar.Weekdays(London, Hours(9, 12), Hours(13, 17));

    public static BusinessCalendar OfficeHoursIn(TimeZoneInfo zone) => BusinessCalendar.Weekdays(zone, Hours(9, 17));

    public static OpeningHours Hours(int openHour, int closeHour) =>
        new(new TimeOnly(openHour, 0), new TimeOnly(closeHour, 0));

    /// <summary>An unambiguous wall-clock time in <paramref name="zone"/> as an instant.</summary>
    public static DateTimeOffset At(TimeZoneInfo zone, int year, int month, int day, int hour, int minute = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local) || zone.IsAmbiguousTime(local))
        {
            throw new ArgumentException($"{local} is not a single instant in {zone.Id}; build it from UTC instead.");
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static DateTimeOffset InLondon(int year, int month, int day, int hour, int minute = 0) =>
        At(London, year, month, day, hour, minute);

    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
