namespace ServiceRecovery.Web.Infrastructure.Errors;

/// <summary>
/// The database went away while a transaction was being committed and did not come back in time: the change may or may
/// not have been written. Still a 503 (<see cref="DatabaseFailure.IsUnavailable"/> looks at the inner exception), but
/// the error page says that it cannot tell, and that sending the same form again is safe (a request id is recorded once).
/// </summary>
public sealed class CommitOutcomeUnknownException : Exception
{
    public CommitOutcomeUnknownException()
        : base("The database connection was lost during COMMIT; the outcome is unknown.")
    {
    }

    public CommitOutcomeUnknownException(string message)
        : base(message)
    {
    }

    public CommitOutcomeUnknownException(Exception innerException)
        : base("The database connection was lost during COMMIT; the outcome is unknown.", innerException)
    {
    }

    public CommitOutcomeUnknownException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
