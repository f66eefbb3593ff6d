namespace ServiceRecovery.Domain.Cases;

/// <summary>Monday to Friday. Public holidays are not known to the domain.</summary>
public static class BusinessDays
{
    public static bool IsBusinessDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The first business day after <paramref name="from"/> (Friday, Saturday and Sunday → Monday).</summary>
    public static DateOnly NextBusinessDay(DateOnly from)
    {
        var day = from.AddDays(1);
        while (!IsBusinessDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }
}
