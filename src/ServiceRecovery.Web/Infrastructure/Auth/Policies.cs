

namespace ServiceRecovery.Web.Infrastructure.Auth;

/// <summary>Authorization policy names. Every page names one (or inherits the fallback: signed-in staff).</summary>
public static class Policies
{
    /// <summary>Any signed-in member of staff.</summary>
    public const string Staff = "Staff";

    /// <summary>Supervisors and managers.</summary>
    public const string Supervisor = "Supervisor";

    public const string Manager = "Manager";

    public const string Admin = "Admin";

    /// <summary>Process owners and managers: the improvement inbox (a process owner sees only the causes they own).</summary>
    public const string Improvement = "Improvement";
}
