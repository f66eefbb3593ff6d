namespace ServiceRecovery.Domain.Common;

/// <summary>
/// An intention the domain refuses. The message is written for the person at the front desk
/// and can be shown as-is; <see cref="Code"/> is a stable key for code that needs to tell refusals apart.
/// </summary>
public class DomainException : Exception
{
    public DomainException()
        : this("This action is not allowed.")
    {
    }

    public DomainException(string message)
        : this(message, code: null)
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DomainException(string message, string? code)
        : base(message)
    {
        Code = code;
    }

    public DomainException(string message, string? code, Exception? innerException)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>A stable, machine-readable key such as <c>atonement.needs_approval</c>; null for plain refusals.</summary>
    public string? Code { get; }
}
