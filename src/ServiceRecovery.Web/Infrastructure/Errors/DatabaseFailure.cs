using System.Net.Sockets;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ServiceRecovery.Web.Infrastructure.Errors;

/// <summary>Tells "the database is unreachable right now" apart from a bug.</summary>
public static class DatabaseFailure
{
    public static bool IsUnavailable(Exception? exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case NullReferenceException when Data.RetryingStrategy.IsDroppedConnectionUnderPreparation(ex):
                case ObjectDisposedException when Data.RetryingStrategy.IsTransactionLostBeforeCommit(ex):
                case RetryLimitExceededException:
                case SocketException:
                case NpgsqlException { IsTransient: true }:
                case PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" }:
                case NpgsqlException { InnerException: TimeoutException or SocketException or IOException }:
                    return true;
                case InvalidOperationException when ex.InnerException is NpgsqlException:
                    continue;
            }
        }

        return false;
    }
}
