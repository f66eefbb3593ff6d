namespace ServiceRecovery.Web.Infrastructure.Cases;

public enum StepOutcome
{
    Recorded,
    AlreadyRecorded,
}
