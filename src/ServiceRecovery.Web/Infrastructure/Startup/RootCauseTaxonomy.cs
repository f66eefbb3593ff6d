namespace ServiceRecovery.Web.Infrastructure.Startup;

/// <summary>
/// The root-cause taxonomy an organisation starts with (a hotel's). Two levels everywhere: a case always points at a
/// leaf. Where a group has no natural subdivision yet (IT system, Third party, Policy) it has one leaf of the same name,
/// shown as just that name, so that an admin can split it later (e.g. IT system › Booking engine) without moving cases.
/// </summary>
public static class RootCauseTaxonomy
{
    public static readonly IReadOnlyList<(string Group, string[] Leaves)> Defaults =
    [
        ("People", ["Training", "Staffing"]),
        ("Process", ["Hand-off", "Booking"]),
        ("Facility", ["Maintenance", "Noise"]),
        ("Product", ["Food & beverage"]),
        ("IT system", ["IT system"]),
        ("Third party", ["Third party"]),
        ("Policy", ["Policy"]),
    ];
}
