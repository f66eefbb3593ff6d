using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ServiceRecovery.Web.Data;

public static class DataRegistration
{
    public static IServiceCollection AddAppData(this IServiceCollection services)
    {
        // Read when the first context is made, from the final configuration (tests and hosts may add to it).
        services.AddDbContextPool<AppDbContext>((sp, options) =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var connectionString = configuration.GetConnectionString("Default") is { Length: > 0 } set
                ? set
                : throw new InvalidOperationException("ConnectionStrings:Default is not set (see README, Configuration).");
            var retries = configuration.GetValue("Database:MaxRetryCount", 3);
            var maxDelay = TimeSpan.FromSeconds(configuration.GetValue("Database:MaxRetryDelaySeconds", 2.0));
            Configure(options, connectionString, retries, maxDelay);
        });
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>Shared by the app and the design-time factory so that migrations see the same model.</summary>
    internal static void Configure(DbContextOptionsBuilder options, string connectionString, int retries, TimeSpan maxDelay)
    {
        options
            .UseNpgsql(Tuned(connectionString), npgsql => npgsql
                .ExecutionStrategy(dependencies => new RetryingStrategy(dependencies, retries, maxDelay))
                .MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
    }

    /// <summary>
    /// The connection settings the app runs with, unless the connection string says otherwise (the benchmark's raw
    /// baseline uses them too, so that both sides talk to PostgreSQL alike).
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        if (csb.Timeout == 15)
        {
            // Fail fast when the server is down: the page answers 503 instead of hanging.
            csb.Timeout = 5;
        }

        if (csb.MaxAutoPrepare == 0)
        {
            // The same statements run all day (the queue's rows, the case page's several): prepared on each pooled
            // connection after their second use, PostgreSQL stops planning them every time. Npgsql 10.0.3 then reports
            // a dropped connection as a NullReferenceException, which RetryingStrategy retries (ADR 0008).
            csb.MaxAutoPrepare = 64;
            csb.AutoPrepareMinUsages = 2;
        }

        // The app keeps no session state (no SET, LISTEN, temp tables or session-level advisory locks; the accounts and
        // customer locks are transaction-level and end with their transaction), so a
        // connection going back to the pool needs no reset round trip (which would also drop the prepared statements).
        csb.NoResetOnClose = true;
        return csb.ConnectionString;
    }
}
