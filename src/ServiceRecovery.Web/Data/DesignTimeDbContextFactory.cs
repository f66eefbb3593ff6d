using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ServiceRecovery.Web.Data;

/// <summary>
/// Lets <c>dotnet ef</c> build the model without starting the web host. The connection string is only
/// used by commands that talk to a database (<c>database update</c>): set SR_DESIGN_PG to a connection string of the
/// owner role (for <c>./run.sh</c>'s database: servicerecovery_owner with the password in <c>.data/secrets.env</c>).
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("SR_DESIGN_PG")
            ?? "Host=127.0.0.1;Port=54329;Database=servicerecovery;Username=servicerecovery_owner"; // password: .data/secrets.env
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DataRegistration.Configure(options, connectionString, retries: 3, maxDelay: TimeSpan.FromSeconds(2));
        return new AppDbContext(options.Options);
    }
}
