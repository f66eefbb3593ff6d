namespace ServiceRecovery.Web.Infrastructure.Startup;

public enum StartupOutcome
{
    Continue,
    Exit,
}
