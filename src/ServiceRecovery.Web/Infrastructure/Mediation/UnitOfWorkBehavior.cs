using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Web.Data;

namespace ServiceRecovery.Web.Infrastructure.Mediation;

/// <summary>
/// Innermost behaviour, commands only: the handler and its single SaveChanges run in one transaction,
/// inside Npgsql's execution strategy, so a dropped connection retries the whole unit and a failure
/// anywhere writes nothing. Handlers never call SaveChanges themselves.
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
        return await strategy.ExecuteAsync(async ct =>
        {
            // A retry starts from a clean slate: nothing tracked from the failed attempt.
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var response = await next();
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return response;
        }, cancellationToken);
    }
}
