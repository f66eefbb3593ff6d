using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Cases;

namespace ServiceRecovery.Web.Infrastructure.Mediation;

/// <summary>
/// Innermost behaviour, commands only: the handler and its single SaveChanges run in one transaction,
/// inside Npgsql's execution strategy, so a dropped connection retries the whole unit and a failure
/// anywhere writes nothing. Handlers never call SaveChanges themselves. When the database goes away during the COMMIT
/// itself and does not come back within the retries, nobody can know whether the change was written: that failure is
/// reported as <see cref="Errors.CommitOutcomeUnknownException"/>, so the page does not claim that nothing was saved.
/// Before saving, the events the changed cases raised are dispatched, in the same transaction (ADR 0011).
/// </summary>
public sealed class UnitOfWorkBehavior<TRequest, TResponse>(AppDbContext db, IMediator mediator) : IPipelineBehavior<TRequest, TResponse>
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
                await DispatchCaseEventsAsync(ct);
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
        catch (Exception ex) when (IsConcurrentChange(ex))
        {
            // One exception for every "someone else got there first" (xmin, a concurrency stamp, a key taken by a
            // concurrent insert): pages need not know EF Core's or PostgreSQL's.
            throw new Errors.ConcurrencyConflictException(
                request is CaseStepCommand ? Errors.ConcurrencyConflictException.CaseMessage : Errors.ConcurrencyConflictException.RecordMessage, ex);
        }
    }

    private static bool IsConcurrentChange(Exception ex) =>
        ex is DbUpdateConcurrencyException or DbUpdateException { InnerException: Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } };

    /// <summary>
    /// Publishes what the changed cases raised (<see cref="Domain.Cases.RecoveryCase.Events"/>), each once, in order;
    /// a handler may change more cases, whose events are published in turn (a few rounds at most).
    /// </summary>
    private async Task DispatchCaseEventsAsync(CancellationToken ct)
    {
        for (var round = 0; round < 5; round++)
        {
            var raised = db.ChangeTracker.Entries<Domain.Cases.RecoveryCase>()
                .SelectMany(e =>
                {
                    var events = e.Entity.Events.ToList();
                    e.Entity.ClearEvents();
                    return events;
                })
                .ToList();
            if (raised.Count == 0)
            {
                return;
            }

            foreach (var caseEvent in raised)
            {
                var notification = (INotification)Activator.CreateInstance(typeof(CaseEventNotification<>).MakeGenericType(caseEvent.GetType()), caseEvent)!;
                await mediator.Publish(notification, ct);
            }
        }

        throw new InvalidOperationException("Case events kept raising more case events: a handler loops.");
    }
}
