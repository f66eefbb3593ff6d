namespace ServiceRecovery.Domain.Cases;

/// <summary>How the complaint reached us.</summary>
public enum Channel
{
    InPerson,
    Phone,
    Email,
    Web,
    Social,
}
