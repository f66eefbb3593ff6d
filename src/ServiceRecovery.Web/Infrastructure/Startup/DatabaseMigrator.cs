using Microsoft.EntityFrameworkCore;
using Npgsql;
using ServiceRecovery.Web.Data;

namespace ServiceRecovery.Web.Infrastructure.Startup;

/// <summary>
/// Migrations run as the database owner (<c>ConnectionStrings:Migrations</c>); the app serves as a runtime role
/// (<c>ConnectionStrings:Default</c>) that may read and write rows and nothing else (ADR 0010). After migrating, the
/// owner grants that role exactly this: SELECT, INSERT, UPDATE, DELETE on the tables, but only SELECT and INSERT
/// on the append-only ones (timeline, ledger, audit) and only SELECT on the migrations history; the sequences;
/// never TRUNCATE, never DDL. With no <c>ConnectionStrings:Migrations</c> (or the same user in both), the app
/// migrates with its own connection and grants nothing: one role, as in a quick local setup.
/// </summary>
public static class DatabaseMigrator
{
    /// <summary>The tables that keep history: rows are added, never changed or removed.</summary>
    public static readonly IReadOnlyList<string> AppendOnlyTables = ["case_timeline", "compensation_ledger", "audit_entries"];

    public static async Task MigrateAsync(IConfiguration configuration, ILogger logger, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var runtime = configuration.GetConnectionString("Default")
            ?? throw new InvalidOperationException("ConnectionStrings:Default is not set (see README, Configuration).");
        var owner = configuration.GetConnectionString("Migrations") is { Length: > 0 } migrations ? migrations : runtime;
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DataRegistration.Configure(
            options, owner, configuration.GetValue("Database:MaxRetryCount", 3), TimeSpan.FromSeconds(configuration.GetValue("Database:MaxRetryDelaySeconds", 2.0)));
        await using var db = new AppDbContext(options.Options);

        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(ct);
        }

        var ownerUser = new NpgsqlConnectionStringBuilder(owner).Username;
        var runtimeUser = new NpgsqlConnectionStringBuilder(runtime).Username;
        if (string.IsNullOrEmpty(runtimeUser) || string.Equals(ownerUser, runtimeUser, StringComparison.Ordinal))
        {
            logger.LogWarning("ConnectionStrings:Migrations is not set apart: the app runs as the owner of its tables (see README, Security).");
            return;
        }

        await db.Database.ExecuteSqlRawAsync(GrantSql(runtimeUser), ct);
        logger.LogInformation("Runtime role {Role}: rows only; the append-only tables take no UPDATE, DELETE or TRUNCATE", runtimeUser);
    }

    /// <summary>The grants of the runtime role, idempotent (run after every migration).</summary>
    public static string GrantSql(string role)
    {
        var r = Identifier(role);
        var appendOnly = string.Join(", ", AppendOnlyTables);
        return $"""
            DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), {Literal(role)}); END $$;
            REVOKE CREATE ON SCHEMA public FROM PUBLIC;
            GRANT USAGE ON SCHEMA public TO {r};
            REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {r};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {r};
            REVOKE UPDATE, DELETE ON {appendOnly} FROM {r};
            REVOKE INSERT, UPDATE, DELETE ON __ef_migrations_history FROM {r};
            GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {r};
            """;
    }

    private static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
