using Microsoft.EntityFrameworkCore;

namespace ServiceRecovery.Web.Infrastructure.Startup;

/// <summary>
/// The app's own command-line switches, taken out before the host sees the arguments (the host would read
/// "--migrate --urls X" as migrate=--urls).
/// </summary>
public sealed record StartupSwitches(bool Migrate, bool MigrateOnly, string[] HostArgs)
{
    public static StartupSwitches Parse(string[] args) => new(
        args.Contains("--migrate"),
        args.Contains("--migrate-only"),
        args.Where(a => a is not ("--migrate" or "--migrate-only")).ToArray());
}
