namespace ServiceRecovery.Web.Infrastructure.Security;

/// <summary>Requests per minute ("RateLimits:…"). A limit of 0 turns that limit off.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in attempts (posts) from one IP address.</summary>
    public int SignInPerIpPerMinute { get; set; } = 10;

    /// <summary>Sign-in attempts (posts) for one email, from anywhere.</summary>
    public int SignInPerAccountPerMinute { get; set; } = 10;

    /// <summary>Find-as-you-type customer searches by one signed-in person.</summary>
    public int SearchPerUserPerMinute { get; set; } = 120;

    /// <summary>CSV exports by one signed-in person.</summary>
    public int ExportsPerUserPerMinute { get; set; } = 10;

    /// <summary>Complaints sent (posts of the public form) from one IP address.</summary>
    public int ComplaintsPerIpPerMinute { get; set; } = 5;
}
