using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace ServiceRecovery.Web.Data;

/// <summary>
/// Npgsql's retrying strategy, plus one case it does not know: with automatic preparation on, Npgsql 10.0.3 answers
/// the first statement sent on a connection the server has dropped (a database restart, a cut network) with a
/// <see cref="NullReferenceException"/> from inside Npgsql instead of a transient <see cref="NpgsqlException"/>.
/// That is retried like any dropped connection (the whole unit of work, on another connection), and the pools'
/// idle connections are thrown away, since they went down with the same server. ADR 0008.
/// </summary>
public sealed class RetryingStrategy(ExecutionStrategyDependencies dependencies, int retries, TimeSpan maxDelay)
    : NpgsqlRetryingExecutionStrategy(dependencies, retries, maxDelay, errorCodesToAdd: null)
{
    protected override bool ShouldRetryOn(Exception? exception)
    {
        if (IsDroppedConnectionUnderPreparation(exception))
        {
            NpgsqlConnection.ClearAllPools();
            return true;
        }

        // The connection broke after the last statement and before COMMIT: Npgsql has already thrown the transaction
        // away, so the COMMIT was never sent and the whole unit can run again (seen by benchmarks/chaos.sh).
        if (IsTransactionLostBeforeCommit(exception))
        {
            return true;
        }

        return exception is not null && base.ShouldRetryOn(exception);
    }

    public static bool IsTransactionLostBeforeCommit(Exception? exception) =>
        exception is ObjectDisposedException { ObjectName: "NpgsqlTransaction" };

    /// <summary>A <see cref="NullReferenceException"/> thrown by Npgsql itself (not by our code or EF's).</summary>
    public static bool IsDroppedConnectionUnderPreparation(Exception? exception) =>
        exception is NullReferenceException { TargetSite.DeclaringType.Namespace: { } ns } && ns.StartsWith("Npgsql", StringComparison.Ordinal);
}
