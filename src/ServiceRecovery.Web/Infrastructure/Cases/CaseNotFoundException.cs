namespace ServiceRecovery.Web.Infrastructure.Cases;

/// <summary>No case with that reference (or one the user may not know about): a 404.</summary>
public sealed class CaseNotFoundException(string reference) : Exception($"No case {reference}.")
{
    public CaseNotFoundException()
        : this("")
    {
    }

    public CaseNotFoundException(string reference, Exception innerException)
        : this(reference + " " + innerException.Message)
    {
    }
}
