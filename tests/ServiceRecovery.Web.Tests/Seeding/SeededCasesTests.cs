using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Compensation;
using ServiceRecovery.Domain.Sla;
using ServiceRecovery.Seeder;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Infrastructure.Compensation;
using ServiceRecovery.Web.Tests.Infrastructure;
using FollowUpOutcome = ServiceRecovery.Domain.Cases.FollowUpOutcome;

namespace ServiceRecovery.Web.Tests.Seeding;

/// <summary>
/// The benchmark seeder (src/ServiceRecovery.Seeder) writes what the app would write. Its cases are read back through
/// the app's own mapping and replayed, step by step, through the domain from what was stored (the words, amounts,
/// dates, notes, who and when): the replayed timeline, stage, SLA deadlines, gestures and follow-ups must be the stored
/// ones. A seeder with its own lifecycle, texts or SLA arithmetic, or a wrong column, fails here.
/// </summary>
public sealed class SeededCasesTests(SeededCasesTests.Fixture fixture) : IClassFixture<SeededCasesTests.Fixture>
{
    private const int Cases = 3000;

    public sealed class Fixture : WebFixture
    {
        protected override string DatabasePrefix => "sr_seeder";
    }

    [Fact]
    public async Task Seeded_cases_are_what_the_domain_makes_of_their_steps()
    {
        await fixture.ResetAsync();
        // Business hours, not the 24x7 default: deadlines computed without the app's policy would differ.
        await fixture.ExecuteSqlAsync("UPDATE sla_settings SET business_hours = 'Mon-Fri 09:00-17:00; Sat 10:00-14:00', at_risk_percent = 75");
        var exit = await new DatabaseSeeder(SeedOptions.Parse(["--cases", Cases.ToString(CultureInfo.InvariantCulture), "--staff", "12", "--connection", fixture.Database.OwnerConnectionString]))
            .RunAsync();
        Assert.Equal(0, exit);

        await using var scope = fixture.Services.CreateAsyncScope();
        var policies = scope.ServiceProvider.GetRequiredService<SlaPolicies>();
        policies.Forget();
        var policy = await policies.GetAsync();
        Assert.False(policy.Calendar.IsAlwaysOpen);
        var limits = scope.ServiceProvider.GetRequiredService<IOptions<AtonementLimitOptions>>().Value;
        var abuse = scope.ServiceProvider.GetRequiredService<IOptions<AbuseOptions>>().Value.Policy;
        var staff = await StaffAsync();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.Cases.WithSteps().ToListAsync(); // tracked: the split queries of WithSteps need identity resolution
        var timelines = (await db.Timeline.AsNoTracking().ToListAsync()).ToLookup(t => t.CaseId);
        var causes = await (from c in db.RootCauses join g in db.RootCauseGroups on c.GroupId equals g.Id select new RootCauseLeaf(c.Id, g.Name, c.Name, c.IsActive))
            .ToDictionaryAsync(l => l.Id);
        Assert.All(stored.Where(c => c.Outcome is CaseOutcome.Recovered or CaseOutcome.Unsatisfied or CaseOutcome.Unreachable), c => Assert.NotNull(c.RootCauseId));

        Assert.Equal(Cases, stored.Count);
        Assert.Equal(Enum.GetValues<Stage>().Order(), stored.Select(c => c.Stage).Distinct().Order()); // every stage, so nothing is skipped
        Assert.Contains(stored, c => c.SlaDueAt is not null);
        Assert.Contains(stored, c => c.ReturnedOn is not null); // some recovered customers came back
        Assert.Contains(stored, c => c.Atonements.Any(a => a.Status == AtonementStatus.PendingApproval));

        var mismatches = new List<string>();
        foreach (var seeded in stored)
        {
            var timeline = timelines[seeded.Id].OrderBy(t => t.Sequence).ToList();
            var replayed = Replay(seeded, timeline, staff, policy, limits, abuse, causes);
            Compare(mismatches, seeded.Reference, "timeline", timeline.Select(Line), replayed.Timeline.Select(Line));
            Compare(mismatches, seeded.Reference, "case", [State(seeded)], [State(replayed)]);
            Compare(mismatches, seeded.Reference, "gestures", seeded.Atonements.OrderBy(a => a.Number).Select(Gesture), replayed.Atonements.Select(Gesture));
            Compare(mismatches, seeded.Reference, "follow-ups", seeded.FollowUps.OrderBy(f => f.Number).Select(FollowUpLine), replayed.FollowUps.Select(FollowUpLine));
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} difference(s), e.g.:\n{string.Join("\n", mismatches.Take(5))}");
    }

    /// <summary>The case again, through the domain's methods, from the inputs the seeded rows hold.</summary>
    private static RecoveryCase Replay(
        RecoveryCase seeded, List<TimelineEntry> timeline, Dictionary<Guid, Actor> staff, SlaPolicy policy, AtonementLimitOptions limits, AbusePolicy abuse,
        Dictionary<Guid, RootCauseLeaf> causes)
    {
        ActionContext Ctx(TimelineEntry t) => new(staff[t.ActorId], t.At, null, policy);
        Empowerment Empower(Actor a) => new(limits.EffectiveLimit(null, Roles(a)), "EUR", CustomerCompensation.None, abuse);
        var takenOver = timeline.Any(t => t.Kind == TimelineKinds.OwnerTaken);
        var c = RecoveryCase.Log(
            seeded.Reference, seeded.CustomerId, seeded.Channel, seeded.Category, seeded.Severity, seeded.CustomerExpected, seeded.WhatHappened,
            seeded.CustomerWants, seeded.TransactionValue, seeded.Currency, takenOver ? null : seeded.OwnerId, takenOver ? null : seeded.OwnerName, Ctx(timeline[0]));
        int fixes = 0, gestures = 0, followUps = 0;
        foreach (var t in timeline.Skip(1))
        {
            var ctx = Ctx(t);
            switch (t.Kind)
            {
                case TimelineKinds.OwnerTaken:
                    break; // the domain adds it itself with the step that follows
                case TimelineKinds.Apologized:
                    c.Apologize(seeded.Apology!.Words, [], ctx);
                    break;
                case TimelineKinds.Listened:
                    c.Listen(seeded.ListeningNote!.CustomerFeels, seeded.ListeningNote.CustomerWouldLike, ctx);
                    break;
                case TimelineKinds.RootCauseClassified:
                    c.ClassifyRootCause(causes[seeded.RootCauseId!.Value], seeded.RootCauseNote, null, ctx);
                    break;
                case TimelineKinds.Fixed:
                    var fix = seeded.Fixes.Single(f => f.Number == fixes + 1);
                    fixes++;
                    c.Fix(fix.WhatWasDone, fix.ResolvedAtFirstContact, ctx);
                    break;
                case TimelineKinds.Atoned or TimelineKinds.AtonementProposed:
                    var gesture = seeded.Atonements.Single(a => a.Number == gestures + 1);
                    gestures++;
                    c.RecordAtonement(gesture.Gesture, gesture.ProposedAmount ?? gesture.Amount, gesture.Currency, gesture.Description, Empower(ctx.Actor), ctx);
                    break;
                case TimelineKinds.AtonementApproved:
                    c.ApproveAtonement(Empower(ctx.Actor), null, null, ctx);
                    break;
                case TimelineKinds.FollowUpScheduled:
                    c.ScheduleFollowUp(seeded.FollowUps.Single(f => f.Number == followUps + 1).DueOn, ctx);
                    followUps++;
                    break;
                case TimelineKinds.NoAnswer:
                    followUps++;
                    c.RecordFollowUpOutcome(FollowUpOutcome.NoAnswer, t.Note, ctx);
                    break;
                case TimelineKinds.Unreachable:
                    c.RecordFollowUpOutcome(FollowUpOutcome.NoAnswer, t.Note, ctx);
                    break;
                case TimelineKinds.Satisfied:
                    c.RecordFollowUpOutcome(FollowUpOutcome.Satisfied, t.Note, ctx);
                    break;
                case TimelineKinds.Reopened:
                    c.RecordFollowUpOutcome(FollowUpOutcome.NotSatisfied, t.Note, ctx);
                    break;
                case TimelineKinds.ClosedUnsatisfied:
                    c.CloseUnsatisfied(t.Note!, ctx);
                    break;
                case TimelineKinds.Withdrawn:
                    c.Withdraw(seeded.WithdrawReason!.Value, t.Note!, ctx);
                    break;
                case TimelineKinds.WaitingForCustomer:
                    c.WaitForCustomer(t.Note!, ctx);
                    break;
                case TimelineKinds.CustomerReturned:
                    c.RecordReturn(seeded.ReturnedOn!.Value, seeded.ReturnValue, seeded.ReturnCurrency ?? "EUR", policy.Calendar.TimeZone, ctx);
                    break;
                default:
                    throw new InvalidOperationException($"{seeded.Reference}: the seeder wrote a {t.Kind} entry this replay does not know.");
            }
        }

        return c;
    }

    private static void Compare(List<string> mismatches, string reference, string what, IEnumerable<string> seeded, IEnumerable<string> replayed)
    {
        var (a, b) = (seeded.ToList(), replayed.ToList());
        var at = Enumerable.Range(0, Math.Max(a.Count, b.Count)).FirstOrDefault(i => i >= a.Count || i >= b.Count || a[i] != b[i], -1);
        if (at >= 0)
        {
            mismatches.Add($"{reference} {what} #{at + 1}: seeded <{a.ElementAtOrDefault(at)}> but the domain makes <{b.ElementAtOrDefault(at)}>");
        }
    }

    private static string Line(TimelineEntry t) =>
        $"{t.Sequence}|{t.Kind}|{t.Summary}|{t.Details}|{t.Note}|{t.FromStage}|{t.ToStage}|{t.ActorId}|{t.ActorName}|{Utc(t.At)}";

    private static string State(RecoveryCase c) =>
        $"{c.Stage}|{c.Outcome}|{c.WithdrawReason}|{c.ClosingNote}|{Utc(c.ClosedAt)}|{c.OwnerId}|{c.OwnerName}|{c.ReopenCount}|{c.FollowUpAttempts}|" +
        $"{c.FollowUpDueOn}|{c.LastTimelineSequence}|{Utc(c.FirstRespondedAt)}|{Utc(c.ResolvedAt)}|due {Utc(c.SlaDueAt)}|at risk {Utc(c.SlaAtRiskAt)}|" +
        $"waiting {Utc(c.WaitingSince)}|{c.TransactionValue}|{c.Currency}|{c.OpenedById}|{Utc(c.OpenedAt)}|cause {c.RootCauseId}|" +
        $"returned {c.ReturnedOn} {c.ReturnValue} {c.ReturnCurrency}";

    private static string Gesture(Atonement a) =>
        $"{a.Number}|{a.Gesture}|{a.Amount:0.00}|{a.Currency}|{a.Status}|{a.ProposedAmount:0.00}|{a.ProposerLimit:0.00}|{a.NeedsApprovalBecause}|{a.ProposedById}|{a.DecidedById}|{Utc(a.DecidedAt)}";

    private static string FollowUpLine(FollowUp f) => $"{f.Number}|{f.Attempt}|{f.DueOn}|{f.Outcome}|{f.Note}|{f.ById}|{Utc(f.At)}|{Utc(f.ScheduledAt)}";

    private static string Utc(DateTimeOffset? at) => at?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "-";

    private static IEnumerable<string> Roles(Actor a) =>
        Enum.GetValues<StaffRole>().Where(r => r != StaffRole.None && a.Roles.HasFlag(r)).Select(r => r.ToString());

    private async Task<Dictionary<Guid, Actor>> StaffAsync()
    {
        var staff = new Dictionary<Guid, Actor>();
        await using var conn = new NpgsqlConnection(fixture.Database.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT u.id, u.display_name, array_agg(r.name) FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id GROUP BY u.id, u.display_name", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var roles = reader.GetFieldValue<string[]>(2).Aggregate(StaffRole.None, (all, name) => all | (Enum.TryParse<StaffRole>(name, out var role) ? role : StaffRole.None)); // ProcessOwner acts on no case
            staff[reader.GetGuid(0)] = new Actor(reader.GetGuid(0), reader.GetString(1), roles);
        }

        return staff;
    }
}
