namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Result of looking a case up for someone: found and visible, not there, or not theirs.</summary>
public enum CaseVisibility
{
    Visible,
    NotFound,
    Forbidden,
}
