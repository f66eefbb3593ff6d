namespace ServiceRecovery.Domain.Common;

/// <summary>A business rule refused the action. The message is written for the person who tried it.</summary>
public class DomainException : Exception
{
    public DomainException()
    {
    }

    public DomainException(string message)
        : base(message)
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DomainException(string message, string code)
        : base(message) => Code = code;

    /// <summary>Stable, machine-readable reason (safe to log), e.g. <c>atonement.needs_approval</c>.</summary>
    public string? Code { get; }
}
