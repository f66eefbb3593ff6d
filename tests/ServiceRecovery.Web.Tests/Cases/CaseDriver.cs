using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Infrastructure.Web;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Cases;

/// <summary>
/// Logs complaints and walks them through the recovery steps by sending the real commands through the real
/// pipeline, with the version, timeline position and request id read fresh from the database each time.
/// </summary>
public sealed class CaseDriver(WebFixture fixture)
{
    public const string Frontline = "frontline@demo.test";
    public const string Supervisor = "supervisor@demo.test";
    public const string Manager = "manager@demo.test";
    public const string FrontlineName = "Fran Frontline";
    public const string SupervisorName = "Sam Supervisor";
    public const string Category = "Room and facilities";

    /// <summary>A valid complaint from a new customer, assigned to whoever logs it.</summary>
    public static New.Command Complaint(string customerName = "Priya Shah", string? email = "priya.shah@example.com", string? phone = null) => new()
    {
        RequestId = Guid.CreateVersion7(),
        CustomerName = customerName,
        CustomerEmail = email,
        CustomerPhone = phone,
        Channel = Channel.InPerson,
        Category = Category,
        Severity = Severity.Major,
        WhatHappened = "The shower was cold for two days and nobody came when I called reception.",
        CustomerWants = "Hot water, and to be taken seriously.",
        TransactionValue = 180m,
        AssignToMe = true,
    };

    /// <summary>The organisation's calendar day now (Europe/London by default), as the app sees it.</summary>
    public DateOnly Today
    {
        get
        {
            var zone = fixture.Services.GetRequiredService<IOptions<OrganisationOptions>>().Value.TimeZone;
            var now = TimeZoneInfo.ConvertTime(fixture.Services.GetRequiredService<TimeProvider>().GetUtcNow(), zone);
            return DateOnly.FromDateTime(now.DateTime);
        }
    }

    public int ThisYear
    {
        get
        {
            var zone = fixture.Services.GetRequiredService<IOptions<OrganisationOptions>>().Value.TimeZone;
            return TimeZoneInfo.ConvertTime(fixture.Services.GetRequiredService<TimeProvider>().GetUtcNow(), zone).Year;
        }
    }

    public Task<string> LogAsync(string asEmail = Frontline, New.Command? command = null) =>
        fixture.SendAsync(command ?? Complaint(), asEmail);

    /// <summary>Logs a complaint owned by <paramref name="owner"/> (null: unassigned) and walks it to <paramref name="stage"/> as the owner (or a supervisor).</summary>
    public async Task<string> LogAtAsync(Stage stage, string? owner = Frontline, New.Command? command = null)
    {
        var complaint = command ?? Complaint();
        complaint.AssignToMe = owner is not null;
        var reference = await LogAsync(owner ?? Supervisor, complaint);
        await WalkToAsync(reference, stage, owner ?? Supervisor);
        return reference;
    }

    /// <summary>Walks a Logged case forward to <paramref name="stage"/>.</summary>
    public async Task WalkToAsync(string reference, Stage stage, string asEmail = Frontline)
    {
        if (stage == Stage.Logged)
        {
            return;
        }

        if (stage == Stage.Withdrawn)
        {
            await SendStepAsync(reference, new Withdraw.Command { Reason = WithdrawReason.Duplicate, Note = "Same as another case." }, asEmail);
            return;
        }

        Stage[] path = [Stage.Apologized, Stage.Listened, Stage.Fixed, Stage.Atoned, Stage.FollowUpDue];
        foreach (var next in path)
        {
            await SendStepAsync(reference, StepInto(next), asEmail);
            if (next == stage)
            {
                return;
            }
        }

        switch (stage)
        {
            case Stage.Closed:
                await SendStepAsync(reference, new Features.Cases.FollowUpOutcome.Command { Outcome = Domain.Cases.FollowUpOutcome.Satisfied }, asEmail);
                break;
            case Stage.ClosedWithoutRecovery:
                await SendStepAsync(reference, new CloseUnsatisfied.Command { Note = "Nothing we offer is enough." }, asEmail);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(stage), stage, "Not reachable through the step commands.");
        }
    }

    /// <summary>A valid command that moves a case into <paramref name="stage"/> from the stage before it.</summary>
    public CaseStepCommand StepInto(Stage stage) => stage switch
    {
        Stage.Apologized => new Apologize.Command { Words = "I'm so sorry about the shower — that's got to be so frustrating." },
        Stage.Listened => new Listen.Command { CustomerFeels = "Cold, tired and ignored.", CustomerWouldLike = "Hot water." },
        Stage.Fixed => new Fix.Command { WhatWasDone = "Engineer replaced the thermostatic valve.", ResolvedAtFirstContact = true },
        Stage.Atoned => new Atone.Command { Gesture = GestureType.Voucher, Amount = 25m, Description = "Dinner voucher." },
        Stage.FollowUpDue => new ScheduleFollowUp.Command { DueOn = Today.AddDays(1) },
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "No single step leads there."),
    };

    /// <summary>Fills in what the form would carry: the case, its current version and timeline position, a new request id.</summary>
    public async Task<T> PrepareAsync<T>(string reference, T command)
        where T : CaseStepCommand
    {
        var (version, sequence) = await PositionAsync(reference);
        if (command is Fix.Command { RootCauseId: null } fix)
        {
            // The fix step requires the root cause (needed before the case can close): the first cause on offer.
            fix.RootCauseId = await FirstCauseIdAsync();
        }

        command.Reference = reference;
        command.Version = version;
        command.SeenSequence = sequence;
        command.RequestId = Guid.CreateVersion7();
        return command;
    }

    public async Task<StepOutcome> SendStepAsync<T>(string reference, T command, string asEmail = Frontline)
        where T : CaseStepCommand =>
        await fixture.SendAsync(await PrepareAsync(reference, command), asEmail);

    public Task<(uint Version, int Sequence)> PositionAsync(string reference) => fixture.QueryAsync(async db =>
    {
        var row = await db.Cases.Where(c => c.Reference == reference)
            .Select(c => new { Version = EF.Property<uint>(c, "Version"), c.LastTimelineSequence })
            .SingleAsync();
        return (row.Version, row.LastTimelineSequence);
    });

    public Task<RecoveryCase> CaseAsync(string reference) =>
        fixture.QueryAsync(db => db.Cases.AsNoTracking().WithSteps().SingleAsync(c => c.Reference == reference));

    public Task<List<TimelineEntry>> TimelineAsync(string reference) => fixture.QueryAsync(db =>
        db.Timeline.AsNoTracking()
            .Where(t => db.Cases.Any(c => c.Id == t.CaseId && c.Reference == reference))
            .OrderBy(t => t.Sequence)
            .ToListAsync());

    /// <summary>Everything a step can write about a case, to show that a refused step wrote nothing.</summary>
    public Task<CaseSnapshot> SnapshotAsync(string reference) => fixture.QueryAsync(async db =>
    {
        var c = await db.Cases.AsNoTracking().Where(x => x.Reference == reference)
            .Select(x => new { x.Id, x.Stage, x.Outcome, x.OwnerId, x.LastTimelineSequence, Version = EF.Property<uint>(x, "Version") })
            .SingleAsync();
        return new CaseSnapshot(
            c.Stage,
            c.Outcome,
            c.OwnerId,
            c.Version,
            c.LastTimelineSequence,
            await db.Timeline.CountAsync(t => t.CaseId == c.Id),
            await db.Set<Apology>().CountAsync(a => a.CaseId == c.Id),
            await db.Set<ListeningNote>().CountAsync(l => l.CaseId == c.Id),
            await db.Set<FixRecord>().CountAsync(f => f.CaseId == c.Id),
            await db.Set<Atonement>().CountAsync(a => a.CaseId == c.Id),
            await db.Set<FollowUp>().CountAsync(f => f.CaseId == c.Id),
            await db.Set<FollowUp>().CountAsync(f => f.CaseId == c.Id && f.Outcome != null));
    });

    /// <summary>The first active root cause in the admin's order (People › Training in the seeded taxonomy).</summary>
    public Task<Guid> FirstCauseIdAsync() => fixture.QueryAsync(db =>
        (from c in db.RootCauses join g in db.RootCauseGroups on c.GroupId equals g.Id where c.IsActive && g.IsActive orderby g.SortOrder, c.SortOrder select c.Id).FirstAsync());

    public Task<Guid> CauseIdAsync(string name) => fixture.QueryAsync(db => db.RootCauses.Where(c => c.Name == name).Select(c => c.Id).SingleAsync());

    public Task<Guid> UserIdAsync(string email) =>
        fixture.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
}

public sealed record CaseSnapshot(
    Stage Stage,
    CaseOutcome? Outcome,
    Guid? OwnerId,
    uint Version,
    int LastTimelineSequence,
    int TimelineEntries,
    int Apologies,
    int ListeningNotes,
    int Fixes,
    int Atonements,
    int FollowUps,
    int FollowUpsWithOutcome);
