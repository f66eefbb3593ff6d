using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Customers;
using ServiceRecovery.Domain.Surveys;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Cases;

namespace ServiceRecovery.Web.Infrastructure.Startup;

/// <summary>
/// Three months of past complaints for the demo's dashboard (Features/Insights): about 140 cases, most closed, played
/// through the domain with a fixed random seed (so every ./run.sh shows the same kind of picture). Development only;
/// added once, after <see cref="DemoCases"/>, when there are fewer than 20 cases closed more than a week ago. Before
/// them, <see cref="RecoveriesLongAgo"/> complaints recovered 95 to 200 days ago, about half of whose guests came back.
/// </summary>
public static class DemoHistory
{
    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (await db.Cases.CountAsync(c => c.ClosedAt != null && c.ClosedAt < now.AddDays(-7), ct) >= 20)
        {
            return;
        }

        var users = await db.Users.Where(u => u.Email == "frontline@demo.test" || u.Email == "supervisor@demo.test")
            .ToDictionaryAsync(u => u.Email!, u => u, ct);
        if (users.Count < 2)
        {
            return;
        }

        var fran = new Actor(users["frontline@demo.test"].Id, users["frontline@demo.test"].DisplayName, StaffRole.Frontline);
        var sam = new Actor(users["supervisor@demo.test"].Id, users["supervisor@demo.test"].DisplayName, StaffRole.Supervisor);
        var policy = SlaPolicies.Build(SlaPolicies.DefaultTargets, new SlaSettingsRow());
        var random = new Random(14);
        var names = new[] { "Hannah Clarke", "Mateo García", "Yuki Tanaka", "Chloe Martin", "Daniel Kim", "Fatima Zahra", "Oliver Smith", "Ingrid Larsen", "Ravi Patel", "Sofia Rossi", "Ben Carter", "Amara Eze" };
        var customers = names.Select((n, i) => Customer.Create(
            n, $"guest{i + 1:00}@example.com", "+44 20 7946 1" + i.ToString("000", System.Globalization.CultureInfo.InvariantCulture), CustomerTier.Standard, now.AddYears(-1))).ToList();
        db.Customers.AddRange(customers);
        string[] categories = ["Room and facilities", "Cleanliness", "Noise", "Food and drink", "Staff attitude", "Waiting and delays", "Booking and reservations", "Billing and charges"];
        Channel[] channels = [Channel.InPerson, Channel.InPerson, Channel.Phone, Channel.Phone, Channel.Email, Channel.Web, Channel.Social];
        Severity[] severities = [Severity.Minor, Severity.Moderate, Severity.Moderate, Severity.Moderate, Severity.Major, Severity.Major, Severity.Critical];
        // Every case that closes has a root cause (the domain refuses otherwise): each category's likely causes.
        var leaves = await (from leaf in db.RootCauses join g in db.RootCauseGroups on leaf.GroupId equals g.Id where leaf.IsActive select new { leaf, GroupName = g.Name })
            .ToDictionaryAsync(x => x.leaf.Name, x => x.leaf.ToLeaf(x.GroupName), ct);
        if (leaves.Count == 0)
        {
            return;
        }

        var likelyCauses = new Dictionary<string, string[]>
        {
            ["Room and facilities"] = ["Maintenance", "Maintenance", "Hand-off"],
            ["Cleanliness"] = ["Training", "Staffing"],
            ["Noise"] = ["Noise", "Noise", "Maintenance"],
            ["Food and drink"] = ["Food & beverage", "Food & beverage", "Hand-off"],
            ["Staff attitude"] = ["Training", "Staffing"],
            ["Waiting and delays"] = ["Staffing", "Hand-off"],
            ["Booking and reservations"] = ["Booking", "IT system", "Third party"],
            ["Billing and charges"] = ["Policy", "IT system"],
        };
        RootCauseLeaf CauseWith(Random chance, string category)
        {
            var names = likelyCauses.GetValueOrDefault(category) ?? [.. leaves.Keys];
            var name = names[chance.Next(names.Length)];
            return leaves.GetValueOrDefault(name) ?? leaves.Values.First();
        }

        RootCauseLeaf CauseFor(string category) => CauseWith(random, category);

        var number = await db.Database.SqlQueryRaw<long>("SELECT last_value AS \"Value\" FROM case_number_seq").SingleAsync(ct);
        var power = new Domain.Compensation.Empowerment(500m, "EUR", Domain.Compensation.CustomerCompensation.None, new Domain.Compensation.AbusePolicy(1000, 90, 1_000_000m));

        number = AddRecoveriesLongAgo(db, now, [fran, sam], policy, power, categories, CauseWith, number);

        for (var i = 0; i < 140; i++)
        {
            var at = now.AddDays(-90 + (90.0 * i / 140) - 2).AddMinutes(random.Next(0, 600));
            var owner = random.Next(3) == 0 ? sam : fran;
            ActionContext Ctx() => new(owner, at, Sla: policy);
            bool Step(double minHours, double maxHours)
            {
                at = at.AddHours(minHours + (random.NextDouble() * (maxHours - minHours)));
                return at < now;
            }

            var assigned = random.Next(40) != 0;
            var customer = customers[random.Next(customers.Count)];
            // Some customers were willing to say, at intake, how likely they were to recommend us (mostly detractors).
            int? npsBefore = random.Next(5) < 2 ? random.Next(1, 8) : null;
            var c = RecoveryCase.Log(CaseReference.Format(at.Year, ++number), customer.Id, channels[random.Next(channels.Length)],
                categories[random.Next(categories.Length)], severities[random.Next(severities.Length)], null, "A past complaint for the dashboard's demo.", null,
                random.Next(2) == 0 ? 150m + random.Next(0, 400) : null, "EUR", assigned ? owner.UserId : null, assigned ? owner.Name : null, Ctx(), npsBefore);
            db.Cases.Add(c);
            if (c.OwnerId is null)
            {
                owner = sam; // supervisors act without taking the case over
            }

            if (random.Next(20) == 0)
            {
                if (Step(0.5, 24)) c.Withdraw(WithdrawReason.Duplicate, "Logged twice.", Ctx());
                continue;
            }

            if (!Step(0.1, random.Next(6) == 0 ? 12 : 3)) continue;
            c.Apologize("I'm very sorry this happened.", [], Ctx());
            if (!Step(0.1, 2)) continue;
            c.Listen("Disappointed.", null, Ctx());
            if (random.Next(5) == 0 && Step(0.5, 4))
            {
                c.WaitForCustomer("Waiting for the customer's photos.", Ctx());
                if (!Step(4, 30)) continue;
                c.CustomerAnswered(Ctx());
            }

            if (!Step(0.5, random.Next(5) == 0 ? 100 : 20)) continue;
            var atFirstContact = random.Next(3) == 0;
            c.ClassifyRootCause(CauseFor(c.Category), null, null, Ctx());
            c.Fix("Put it right.", atFirstContact, Ctx());
            if (!Step(0.1, 3)) continue;
            if (random.Next(2) == 0)
            {
                c.RecordAtonement(GestureType.ApologyOnly, null, null, "A sincere apology was what was wanted.", power, Ctx());
            }
            else
            {
                c.RecordAtonement(GestureType.Refund, 20m * random.Next(1, 8), "EUR", null, power, Ctx());
            }

            if (!Step(0.2, 2)) continue;
            c.ScheduleFollowUp(DateOnly.FromDateTime(at.UtcDateTime).AddDays(1), Ctx());
            // The survey link the app e-mails when a follow-up is scheduled; about half the customers answer it.
            var token = c.IssueSurveyInvitation(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16), customer.Language, SurveyIssueReason.FollowUp, TimeSpan.FromDays(30), Ctx());
            var answers = random.Next(2) == 0;
            ActionContext AsCustomer() => new(Actor.Customer(customer.Name), at, Sla: policy);
            if (!Step(24, 30)) continue;
            var roll = random.Next(20);
            if (roll < 14)
            {
                if (answers)
                {
                    // "Fixed": the answer closes the case as recovered; most recovered customers score high.
                    c.RecordSurveyAnswer(token, new SurveyAnswer(true, null, random.Next(10) < 7 ? 5 : random.Next(3, 5), random.Next(10) < 6 ? random.Next(9, 11) : random.Next(6, 9), false), AsCustomer());
                }
                else
                {
                    c.RecordFollowUpOutcome(FollowUpOutcome.Satisfied, null, Ctx());
                }
            }
            else if (roll < 16)
            {
                if (answers)
                {
                    // "Not fixed": the answer reopens the case, with the customer's comment as the reason.
                    c.RecordSurveyAnswer(token, new SurveyAnswer(false, "Still not right.", random.Next(1, 3), random.Next(0, 6), true), AsCustomer());
                }
                else
                {
                    c.RecordFollowUpOutcome(FollowUpOutcome.NotSatisfied, "Still not right.", Ctx());
                }

                if (!Step(2, 24)) continue;
                c.Fix("Put it right again.", false, Ctx());
                if (!Step(0.2, 2)) continue;
                c.ScheduleFollowUp(DateOnly.FromDateTime(at.UtcDateTime).AddDays(1), Ctx());
                if (!Step(24, 30)) continue;
                c.RecordFollowUpOutcome(FollowUpOutcome.Satisfied, null, Ctx());
            }
            else if (roll < 18)
            {
                c.CloseUnsatisfied("Nothing we offered was enough.", Ctx());
            }
            else
            {
                for (var attempt = 0; attempt < Transitions.MaxNoAnswerAttempts && c.Stage == Stage.FollowUpDue; attempt++)
                {
                    c.RecordFollowUpOutcome(FollowUpOutcome.NoAnswer, null, Ctx(), DateOnly.FromDateTime(at.UtcDateTime).AddDays(1));
                    if (!Step(24, 26)) break;
                }
            }
        }

        await db.SaveChangesAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT setval('case_number_seq', {number})", ct);
    }

    /// <summary>How many complaints were recovered 95 to 200 days ago (long enough for "retention after recovery" to be known).</summary>
    public const int RecoveriesLongAgo = 36;

    /// <summary>
    /// Complaints from 95 to 200 days ago, each from its own guest, nearly all recovered within a few days, so that the
    /// dashboard's retention after recovery (recovered cases closed 90+ days ago whose customer came back within 90 days)
    /// has something to count: about half of the recovered guests came back (a return recorded on the case, often with what
    /// they spent) and a few others are known to have come back because they booked again (a later case with a
    /// transaction value). A random of its own, so the last three months' figures stay as they were.
    /// Dates are UTC calendar days, like the follow-up dates above; every return is at least a week after the close
    /// and a week before today, so the organisation's zone cannot move one across either bound.
    /// </summary>
    private static long AddRecoveriesLongAgo(
        AppDbContext db, DateTimeOffset now, Actor[] staff, Domain.Sla.SlaPolicy policy, Domain.Compensation.Empowerment power,
        string[] categories, Func<Random, string, RootCauseLeaf> causeFor, long number)
    {
        var random = new Random(90);
        string[] firsts = ["Laura", "Tomás", "Aiko", "Noah", "Leila", "Pieter", "Grace", "Ivan", "Maya", "Omar", "Elena", "Jonas"];
        string[] lasts = ["Becker", "Silva", "Mori", "Dubois", "Haddad", "de Vries", "Okafor", "Petrov", "Singh", "Nasser", "Costa", "Berg"];
        for (var i = 0; i < RecoveriesLongAgo; i++)
        {
            var at = now.AddDays(-200 + (105.0 * i / RecoveriesLongAgo)).AddMinutes(random.Next(0, 600));
            var owner = staff[random.Next(3) == 0 ? 1 : 0];
            var customer = Customer.Create(
                $"{firsts[i % 12]} {lasts[((i / 12 * 5) + i) % 12]}", $"returning{i + 1:00}@example.com", null, CustomerTier.Standard, now.AddYears(-2));
            db.Customers.Add(customer);
            var category = categories[random.Next(categories.Length)];
            var c = Recover(customer, category, random.Next(10) < 7 ? 150m + random.Next(0, 400) : null, random.Next(7) != 0);
            var roll = random.Next(100);
            if (c.Outcome == CaseOutcome.Recovered && roll < 50)
            {
                // Came back: recorded by the case's owner, often with what the guest spent on that visit.
                var closedOn = DateOnly.FromDateTime(c.ClosedAt!.Value.UtcDateTime);
                var returnedOn = closedOn.AddDays(random.Next(7, 86));
                decimal? spent = random.Next(10) < 7 ? 80m + random.Next(0, 520) : null;
                c.RecordReturn(returnedOn, spent, "EUR", TimeZoneInfo.Utc, new ActionContext(owner, new DateTimeOffset(returnedOn.ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero)));
            }
            else if (c.Outcome == CaseOutcome.Recovered && roll < 62)
            {
                // Nobody recorded a return, but the guest booked again (and complained again: the later case carries
                // the booking's value), within 90 days of the first recovery.
                at = c.ClosedAt!.Value.AddDays(random.Next(15, 80)).AddHours(random.Next(0, 8));
                Recover(customer, categories[random.Next(categories.Length)], 200m + random.Next(0, 300), satisfied: true);
            }
            else if (c.Outcome == CaseOutcome.Unsatisfied && random.Next(3) == 0)
            {
                // Some unhappy guests come back all the same.
                var returnedOn = DateOnly.FromDateTime(c.ClosedAt!.Value.UtcDateTime).AddDays(random.Next(20, 80));
                c.RecordReturn(returnedOn, null, "EUR", TimeZoneInfo.Utc, new ActionContext(owner, new DateTimeOffset(returnedOn.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero)));
            }

            // One complaint walked from intake to its close within a few days, by its owner.
            RecoveryCase Recover(Customer guest, string category, decimal? value, bool satisfied)
            {
                ActionContext Ctx() => new(owner, at, Sla: policy);
                void Later(double minHours, double maxHours) => at = at.AddHours(minHours + (random.NextDouble() * (maxHours - minHours)));

                var recovered = RecoveryCase.Log(CaseReference.Format(at.Year, ++number), guest.Id, Channel.InPerson, category, Severity.Moderate, null,
                    "A past complaint for the dashboard's demo.", null, value, "EUR", owner.UserId, owner.Name, Ctx());
                db.Cases.Add(recovered);
                Later(0.1, 3);
                recovered.Apologize("I'm very sorry this happened.", [], Ctx());
                Later(0.1, 2);
                recovered.Listen("Disappointed.", null, Ctx());
                Later(0.5, 20);
                recovered.ClassifyRootCause(causeFor(random, category), null, null, Ctx());
                recovered.Fix("Put it right.", random.Next(3) == 0, Ctx());
                Later(0.1, 3);
                recovered.RecordAtonement(GestureType.ApologyOnly, null, null, "A sincere apology was what was wanted.", power, Ctx());
                Later(0.2, 2);
                recovered.ScheduleFollowUp(DateOnly.FromDateTime(at.UtcDateTime).AddDays(1), Ctx());
                Later(24, 30);
                if (satisfied)
                {
                    recovered.RecordFollowUpOutcome(FollowUpOutcome.Satisfied, null, Ctx());
                }
                else
                {
                    recovered.CloseUnsatisfied("Nothing we offered was enough.", Ctx());
                }

                return recovered;
            }
        }

        return number;
    }
}
