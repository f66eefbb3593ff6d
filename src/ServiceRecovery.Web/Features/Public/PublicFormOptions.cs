using ServiceRecovery.Domain.Cases;

namespace ServiceRecovery.Web.Features.Public;

/// <summary>Settings of the public complaint form ("PublicForm:…"). The rate limit is in <c>RateLimits:ComplaintsPerIpPerMinute</c>.</summary>
public sealed class PublicFormOptions
{
    public const string Section = "PublicForm";

    /// <summary>
    /// A form sent sooner than this after it was opened is given back ("please check and send it again"): people take
    /// longer than this to write a complaint, scripts do not. 0 turns the check off.
    /// </summary>
    public int MinimumSecondsToSubmit { get; set; } = 3;

    /// <summary>A form older than this is out of date: the visitor reloads it (the timestamp in it no longer verifies).</summary>
    public int MaximumFormAgeHours { get; set; } = 24;

    /// <summary>
    /// The category of web complaints until staff look at them. When it is not an active category (Admin → Complaint
    /// categories), the first active one is used.
    /// </summary>
    public string Category { get; set; } = "Other";

    /// <summary>The severity (and so the SLA) of web complaints; the customer does not choose it.</summary>
    public Severity Severity { get; set; } = Severity.Moderate;
}
