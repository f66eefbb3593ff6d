using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Turns the signed-in user into the domain's <see cref="Actor"/> and the organisation's local time.</summary>
public sealed class CaseActors(CurrentUser currentUser, TimeProvider clock, IOptions<OrganisationOptions> organisation, Queue.SlaPolicies policies)
{
    public Actor Actor
    {
        get
        {
            var roles = StaffRole.None;
            if (currentUser.IsInRole(Roles.Frontline)) roles |= StaffRole.Frontline;
            if (currentUser.IsInRole(Roles.Supervisor)) roles |= StaffRole.Supervisor;
            if (currentUser.IsInRole(Roles.Manager)) roles |= StaffRole.Manager;
            if (currentUser.IsInRole(Roles.Admin)) roles |= StaffRole.Admin;
            return new Actor(currentUser.Id ?? Guid.Empty, currentUser.Name, roles);
        }
    }

    /// <summary>Now, in the organisation's time zone (follow-up dates are the organisation's calendar days).</summary>
    public DateTimeOffset Now => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), organisation.Value.TimeZone);

    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    public ActionContext Context(Guid? requestId = null) => new(Actor, Now, requestId);

    /// <summary>A context for changing cases: with the SLA policy, so that each case keeps its own deadlines up to date.</summary>
    public async Task<ActionContext> CaseContextAsync(Guid? requestId, CancellationToken ct) =>
        new(Actor, Now, requestId, await policies.GetAsync(ct));
}

/// <summary>No case with that reference (or one the user may not know about): a 404.</summary>
public sealed class CaseNotFoundException(string reference) : Exception($"No case {reference}.")
{
    public CaseNotFoundException()
        : this("")
    {
    }

    public CaseNotFoundException(string reference, Exception innerException)
        : this(reference + " " + innerException.Message)
    {
    }
}

/// <summary>The case moved on after the form was loaded; the page shows what changed and keeps what was typed.</summary>
public sealed class CaseChangedException(string reference) : Exception(
    "This case changed while you were working — here is what changed. What you typed is kept: check it and submit again if it still applies.")
{
    public CaseChangedException()
        : this("")
    {
    }

    public CaseChangedException(string reference, Exception innerException)
        : this(reference + " " + innerException.Message)
    {
    }

    public string Reference { get; } = reference;
}

/// <summary>
/// What every step form carries besides its own fields: which case, the version it was loaded at (xmin and the
/// timeline position) and a request id that makes a double submit harmless.
/// </summary>
public abstract class CaseStepCommand : Infrastructure.Mediation.ICommand<StepOutcome>
{
    public string Reference { get; set; } = "";

    /// <summary>The case row's xmin when the form was loaded.</summary>
    public uint Version { get; set; }

    /// <summary>The last timeline entry the person had seen.</summary>
    public int SeenSequence { get; set; }

    /// <summary>New for every form load; the same value posted twice is recorded once.</summary>
    public Guid RequestId { get; set; }
}

public enum StepOutcome
{
    Recorded,
    AlreadyRecorded,
}

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
    /// recorded. Refuses with <see cref="CaseChangedException"/> when the case moved on since the form was
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
            return StepOutcome.AlreadyRecorded;
        }

        var recoveryCase = await db.Cases.WithSteps().SingleOrDefaultAsync(c => c.Reference == command.Reference, ct)
            ?? throw new CaseNotFoundException(command.Reference);
        var ctx = await actors.CaseContextAsync(command.RequestId == Guid.Empty ? null : command.RequestId, ct);
        recoveryCase.EnsureMayAct(ctx.Actor);
        if (recoveryCase.LastTimelineSequence != command.SeenSequence)
        {
            throw new CaseChangedException(command.Reference);
        }

        db.Entry(recoveryCase).Property<uint>("Version").OriginalValue = command.Version;
        await act(recoveryCase, ctx); // the case updates its own SLA deadlines (the policy is in ctx)
        return StepOutcome.Recorded;
    }
}
