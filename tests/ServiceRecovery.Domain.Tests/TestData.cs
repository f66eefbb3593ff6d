using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Tests;

internal static class People
{
    public static readonly Actor Ana = new(Guid.Parse("0195a000-0000-7000-8000-00000000000a"), "Ana", StaffRole.Frontline);
    public static readonly Actor Ben = new(Guid.Parse("0195a000-0000-7000-8000-00000000000b"), "Ben", StaffRole.Frontline);
    public static readonly Actor Sue = new(Guid.Parse("0195a000-0000-7000-8000-00000000000c"), "Sue", StaffRole.Supervisor);
    public static readonly Actor Max = new(Guid.Parse("0195a000-0000-7000-8000-00000000000d"), "Max", StaffRole.Manager);
    public static readonly Actor Ada = new(Guid.Parse("0195a000-0000-7000-8000-00000000000e"), "Ada", StaffRole.Admin);
    public static readonly Actor Nobody = new(Guid.Parse("0195a000-0000-7000-8000-00000000000f"), "Nobody", StaffRole.None);
}

internal static class Clock
{
    /// <summary>Wednesday 4 March 2026, 10:00 local (+01:00).</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 4, 10, 0, 0, TimeSpan.FromHours(1));

    public static DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    public static ActionContext As(Actor actor) => new(actor, Now, Guid.NewGuid());

    public static ActionContext As(Actor actor, DateTimeOffset now) => new(actor, now, Guid.NewGuid());
}

/// <summary>A person's empowerment for tests: their limit, for a customer never compensated before (unless given).</summary>
internal static class Power
{
    public static readonly ServiceRecovery.Domain.Compensation.AbusePolicy Policy = new(GestureThreshold: 3, WindowDays: 90, AmountThreshold: 1000m);

    public static ServiceRecovery.Domain.Compensation.Empowerment Of(decimal limit, ServiceRecovery.Domain.Compensation.CustomerCompensation? customer = null) =>
        new(limit, "EUR", customer ?? ServiceRecovery.Domain.Compensation.CustomerCompensation.None, Policy);
}

/// <summary>Leaves of the root-cause taxonomy.</summary>
internal static class Causes
{
    public static readonly ServiceRecovery.Domain.Cases.RootCauseLeaf HandOff = new(Guid.Parse("0195a000-0000-7000-8000-0000000000f1"), "Process", "Hand-off", IsActive: true);
    public static readonly ServiceRecovery.Domain.Cases.RootCauseLeaf Training = new(Guid.Parse("0195a000-0000-7000-8000-0000000000f2"), "People", "Training", IsActive: true);
    public static readonly ServiceRecovery.Domain.Cases.RootCauseLeaf Retired = new(Guid.Parse("0195a000-0000-7000-8000-0000000000f3"), "Facility", "Old boiler", IsActive: false);
}
