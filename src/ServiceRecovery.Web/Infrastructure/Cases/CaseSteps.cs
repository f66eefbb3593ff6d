using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Errors;

namespace ServiceRecovery.Web.Infrastructure.Cases;

/// <summary>Loading and saving a case for a step: one place for the version and double-submit checks.</summary>
public static class CaseSteps
{
    public static IQueryable<RecoveryCase> WithSteps(this IQueryable<RecoveryCase> cases) => cases
        .Include(c => c.Apology)
        .Include(c => c.ListeningNote)
        .Include(c => c.Fixes)
        .Include(c => c.Atonements)
        .Include(c => c.FollowUps)
        .Include(c => c.WaitingPeriods)
        .AsSplitQuery();

    /// <summary>
    /// Runs <paramref name="act"/> on the case named by the command, unless this very request was already
    /// recorded. Refuses with <see cref="ConcurrencyConflictException"/> when the case moved on since the form was
    /// loaded; xmin catches the race between two people saving at the same moment.
    /// </summary>
    public static Task<StepOutcome> RunAsync(
        AppDbContext db, CaseActors actors, CaseStepCommand command, Action<RecoveryCase, ActionContext> act, CancellationToken ct) =>
        RunAsync(db, actors, command, (c, ctx) =>
        {
            act(c, ctx);
            return Task.CompletedTask;
        }, ct);

    /// <summary>As above, for a step that reads more from the database once the case is locked and loaded (e.g. a gesture).</summary>
    public static async Task<StepOutcome> RunAsync(
        AppDbContext db, CaseActors actors, CaseStepCommand command, Func<RecoveryCase, ActionContext, Task> act, CancellationToken ct)
    {
        // One step at a time per case: the row lock makes a concurrent step wait, then see what changed
        // (a clean "case changed" instead of a unique-key clash on the step's rows). xmin stays the final guard.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM recovery_cases WHERE reference = {command.Reference} FOR UPDATE", ct);
        if (command.RequestId != Guid.Empty && await db.Timeline.AnyAsync(t => t.RequestId == command.RequestId, ct))
        {
            return StepOutcome.AlreadyRecorded(command.Reference);
        }

        var recoveryCase = await db.Cases.WithSteps().SingleOrDefaultAsync(c => c.Reference == command.Reference, ct)
            ?? throw new CaseNotFoundException(command.Reference);
        var ctx = await actors.CaseContextAsync(command.RequestId == Guid.Empty ? null : command.RequestId, ct);
        recoveryCase.EnsureMayAct(ctx.Actor);
        if (recoveryCase.LastTimelineSequence != command.SeenSequence)
        {
            throw new ConcurrencyConflictException(ConcurrencyConflictException.CaseMessage);
        }

        db.Entry(recoveryCase).Property<uint>("Version").OriginalValue = command.Version;
        await act(recoveryCase, ctx); // the case updates its own SLA deadlines (the policy is in ctx)
        return StepOutcome.Of(recoveryCase);
    }
}
