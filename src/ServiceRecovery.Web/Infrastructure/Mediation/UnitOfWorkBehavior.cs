using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Web.Data;

namespace ServiceRecovery.Web.Infrastructure.Mediation;

/// <summary>
/// Innermost behaviour, commands only: the handler and its single SaveChanges run in one transaction,
/// inside Npgsql's execution strategy, so a dropped connection retries the whole unit and a failure
/// anywhere writes nothing. Handlers never call SaveChanges themselves. When the database goes away during the COMMIT
/// itself and does not come back within the retries, nobody can know whether the change was written: that failure is
/// reported as <see cref="Errors.CommitOutcomeUnknownException"/>, so the page does not claim that nothing was saved.
/// </summary>
public sealed class UnitOfWorkBehavior<TRequest, TResponse>(AppDbContext db) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (!RequestKind.IsCommand(typeof(TRequest)) || db.Database.CurrentTransaction is not null)
        {
            return await next();
        }

        var strategy = db.Database.CreateExecutionStrategy();
        // Set when a COMMIT was sent and its answer never came: the change may or may not be in the database.
        var commitInDoubt = false;
        try
        {
            return await strategy.ExecuteAsync(async ct =>
            {
                // A retry starts from a clean slate: nothing tracked from the failed attempt.
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var response = await next();
                await db.SaveChangesAsync(ct);
                try
                {
                    await transaction.CommitAsync(ct);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested && !Data.RetryingStrategy.IsTransactionLostBeforeCommit(ex))
                {
                    commitInDoubt = true;
                    throw;
                }

                return response;
            }, cancellationToken);
        }
        catch (Exception ex) when (commitInDoubt && Errors.DatabaseFailure.IsUnavailable(ex))
        {
            // The error page must not say "nothing was saved" then (benchmarks/chaos.sh found it saying so).
            throw new Errors.CommitOutcomeUnknownException(ex);
        }
    }
}
