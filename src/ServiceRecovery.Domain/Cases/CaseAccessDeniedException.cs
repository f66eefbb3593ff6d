using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Cases;

/// <summary>The actor may not work on this case (not theirs, or no role that allows it).</summary>
public class CaseAccessDeniedException : DomainException
{
    public const string AccessDeniedCode = "case.access_denied";

    public CaseAccessDeniedException()
        : this("You are not allowed to work on this case.")
    {
    }

    public CaseAccessDeniedException(string message)
        : base(message, AccessDeniedCode)
    {
    }

    public CaseAccessDeniedException(string message, Exception innerException)
        : base(message, AccessDeniedCode, innerException)
    {
    }
}
