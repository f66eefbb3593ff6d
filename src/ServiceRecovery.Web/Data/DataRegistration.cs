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
            var connectionString = configuration.GetConnectionString("Default")
                ?? throw new InvalidOperationException("ConnectionStrings:Default is not set (see README, Configuration).");
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
                .EnableRetryOnFailure(retries, maxDelay, errorCodesToAdd: null)
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

        // No automatic preparation (Max Auto Prepare) although it saves PostgreSQL ~0.1 ms of planning per queue page:
        // with it, Npgsql 10.0.3 answers the first statement sent on a connection the server dropped with a
        // NullReferenceException instead of a transient error, so after a database restart pages failed with 500 instead
        // of retrying (DatabaseOutageTests). A connection string may still turn it on.

        // The app keeps no session state (no SET, LISTEN, temp tables or advisory locks outside migrations), so a
        // connection going back to the pool needs no reset round trip.
        csb.NoResetOnClose = true;
        return csb.ConnectionString;
    }
}
