namespace ServiceRecovery.Web.Infrastructure.Cases;

/// <summary>The case moved on after the form was loaded; the page shows what changed and keeps what was typed.</summary>
public sealed class CaseChangedException(string reference) : Exception(
    "This case changed while you were working — here is what changed. What you typed is kept: check it and submit again if it still applies.")
{
    public CaseChangedException()
        : this("")
    {
    }

    public CaseChangedException(string reference, Exception innerException)
        : this(reference + " " + innerException.Message)
    {
    }

    public string Reference { get; } = reference;
}
