using ServiceRecovery.Web.Infrastructure.Cases;
namespace ServiceRecovery.Web.Infrastructure.Errors;

/// <summary>
/// Someone else changed the record after this form was loaded: a case that moved on (<see cref="CaseSteps"/>),
/// a row whose xmin or concurrency stamp no longer matches, or a key that a concurrent request took first (the unit of
/// work translates EF Core's exceptions into this one). The page shows the latest version and keeps what was typed.
/// </summary>
public sealed class ConcurrencyConflictException : Exception
{
    public const string RecordMessage =
        "This record changed while you were working. The page now shows the latest version; what you typed is kept below — check it and save again.";

    public const string CaseMessage =
        "This case changed while you were working — here is what changed. What you typed is kept: check it and submit again if it still applies.";

    public ConcurrencyConflictException()
        : base(RecordMessage)
    {
    }

    public ConcurrencyConflictException(string message)
        : base(message)
    {
    }

    public ConcurrencyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
