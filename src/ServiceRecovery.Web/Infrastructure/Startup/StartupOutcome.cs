using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Web.Data;

namespace ServiceRecovery.Web.Infrastructure.Startup;

public enum StartupOutcome
{
    Continue,
    Exit,
}
