

namespace ServiceRecovery.Web.Infrastructure.Auth;

/// <summary>The staff roles. Their ids are fixed so that the migration seeds them.</summary>
public static class Roles
{
    public const string Frontline = "Frontline";
    public const string Supervisor = "Supervisor";
    public const string Manager = "Manager";
    public const string Admin = "Admin";

    /// <summary>Owns business processes behind root causes: told when their causes' cases close, works the improvement inbox.</summary>
    public const string ProcessOwner = "ProcessOwner";

    public static readonly IReadOnlyList<string> All = [Frontline, Supervisor, Manager, Admin, ProcessOwner];

    internal static readonly AppRole[] Seed =
    [
        new(new Guid("0190f000-0000-7000-8000-000000000001"), Frontline),
        new(new Guid("0190f000-0000-7000-8000-000000000002"), Supervisor),
        new(new Guid("0190f000-0000-7000-8000-000000000003"), Manager),
        new(new Guid("0190f000-0000-7000-8000-000000000004"), Admin),
        new(new Guid("0190f000-0000-7000-8000-000000000005"), ProcessOwner),
    ];

    public static string Describe(string role) => role switch
    {
        Frontline => "Logs complaints and walks them through recovery, within their atonement limit.",
        Supervisor => "Approves atonement above a staff member's limit and handles escalations.",
        Manager => "Watches queues, SLAs, approvals and compensation spend.",
        Admin => "Manages users, roles, limits, categories, coaching phrases, guidance and the SLA policy.",
        ProcessOwner => "Owns the processes behind root causes: is told when their cases close and opens improvement actions.",
        _ => "",
    };
}
