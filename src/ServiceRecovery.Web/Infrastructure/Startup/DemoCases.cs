using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Customers;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Cases;

namespace ServiceRecovery.Web.Infrastructure.Startup;

/// <summary>
/// A handful of sample complaints in different stages, made through the domain's own methods (so they have
/// real timelines). Development and ./run.sh only; added once, when there are no cases.
/// </summary>
public static class DemoCases
{
    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.Cases.AnyAsync(ct))
        {
            return;
        }

        var users = await db.Users.Where(u => u.Email != null && u.Email.EndsWith("@demo.test"))
            .ToDictionaryAsync(u => u.Email!, u => new Actor(u.Id, u.DisplayName, StaffRole.None), ct);
        var fran = users["frontline@demo.test"] with { Roles = StaffRole.Frontline };
        var sam = users["supervisor@demo.test"] with { Roles = StaffRole.Supervisor };
        var now = clock.GetUtcNow();
        var owner = users.GetValueOrDefault("owner@demo.test");
        var causes = await (from leaf in db.RootCauses join g in db.RootCauseGroups on leaf.GroupId equals g.Id select new { leaf, GroupName = g.Name })
            .ToDictionaryAsync(x => x.leaf.Name, x => x.leaf.ToLeaf(x.GroupName), ct);

        var customers = new[]
        {
            Customer.Create("Olivia Bennett", "olivia.bennett@example.com", "+44 20 7946 0101", CustomerTier.Vip, now.AddYears(-3)),
            Customer.Create("Tomasz Nowak", "tomasz.nowak@example.com", null, CustomerTier.Standard, now.AddMonths(-8)),
            Customer.Create("Aisha Rahman", null, "+44 7700 900123", CustomerTier.Valued, now.AddYears(-1)),
            Customer.Create("Lucas Moreau", "lucas.moreau@example.com", "+33 1 23 45 67 89", CustomerTier.Standard, now.AddDays(-20)),
            Customer.Create("Grace Okafor", "grace.okafor@example.com", null, CustomerTier.Valued, now.AddYears(-2)),
        };
        db.Customers.AddRange(customers);

        // The demo's gestures are few and each decides the same way with or without the running totals.
        static Domain.Compensation.Empowerment Power(decimal limit) =>
            new(limit, "EUR", Domain.Compensation.CustomerCompensation.None, new Domain.Compensation.AbusePolicy());

        // Each case keeps its own SLA deadlines as it goes (the policy travels in the contexts).
        var policy = SlaPolicies.Build(SlaPolicies.DefaultTargets, new SlaSettingsRow());
        var number = 0L;
        RecoveryCase Open(Customer customer, Actor by, TimeSpan ago, Channel channel, string category, Severity severity,
            string happened, string? expected, string? wants, decimal? value, bool assign = true)
        {
            var ctx = new ActionContext(by, now - ago, Sla: policy);
            var c = RecoveryCase.Log(CaseReference.Format(ctx.Now.Year, ++number), customer.Id, channel, category, severity,
                expected, happened, wants, value, value is null ? null : "EUR", assign ? by.UserId : null, assign ? by.Name : null, ctx);
            db.Cases.Add(c);
            return c;
        }

        ActionContext At(Actor by, TimeSpan ago) => new(by, now - ago, Sla: policy);

        // Logged a few minutes ago: waiting for the apology.
        Open(customers[3], fran, TimeSpan.FromMinutes(12), Channel.InPerson, "Noise", Severity.Moderate,
            "There was construction noise from 7am right outside my window. Nobody told me when I booked.",
            "A quiet room — it said so on the website.", "Move me to a quiet room tonight.", 180m);

        // Apologized, waiting to listen.
        var c2 = Open(customers[1], fran, TimeSpan.FromHours(3), Channel.Phone, "Billing and charges", Severity.Minor,
            "I was charged twice for the minibar. I only had one bottle of water.", null, "Refund the second charge.", 6.50m);
        c2.Apologize("I'm so sorry about the double charge — that's got to be so frustrating.", [], At(fran, TimeSpan.FromHours(2.9)));

        // Listened, waiting for the fix.
        var c3 = Open(customers[0], fran, TimeSpan.FromHours(20), Channel.Email, "Room and facilities", Severity.Major,
            "The air conditioning in my suite stopped working and it was 29 degrees. I hardly slept before my conference.",
            "A comfortable suite at this price.", "A working room today and something for the terrible night.", 640m);
        c3.Apologize("I am truly sorry — a sleepless night before your conference is the last thing you needed.", [], At(fran, TimeSpan.FromHours(19.5)));
        c3.Listen("Exhausted and angry; feels ignored because the night desk did not come.", "A working room today and an acknowledgement of the night.", At(fran, TimeSpan.FromHours(19)));

        // Fixed, gesture next.
        var c4 = Open(customers[2], fran, TimeSpan.FromDays(1.5), Channel.InPerson, "Food and drink", Severity.Moderate,
            "My allergy was on the booking but the breakfast omelette came with cheese.", "Staff to read my allergy note.", null, 24m);
        c4.Apologize("I'm so sorry — that should never have happened.", [], At(fran, TimeSpan.FromDays(1.49)));
        c4.Listen("Worried and let down.", "Assurance it won't happen again.", At(fran, TimeSpan.FromDays(1.48)));
        c4.ClassifyRootCause(causes["Hand-off"], "The allergy note did not reach the kitchen.", null, At(fran, TimeSpan.FromDays(1.47)));
        c4.Fix("New omelette made by the chef; allergy flagged on the room for all outlets.", true, At(fran, TimeSpan.FromDays(1.47)));

        // Follow-up due today.
        var c5 = Open(customers[4], fran, TimeSpan.FromDays(3), Channel.Web, "Waiting and delays", Severity.Minor,
            "Check-in took 50 minutes on Friday evening with one person at the desk.", "Check-in in ten minutes.", null, null);
        c5.Apologize("I'm sorry you waited so long after your journey.", [], At(fran, TimeSpan.FromDays(2.9)));
        c5.Listen("Tired and annoyed.", null, At(fran, TimeSpan.FromDays(2.9)));
        c5.ClassifyRootCause(causes["Staffing"], null, null, At(fran, TimeSpan.FromDays(2.8)));
        c5.Fix("Rota changed: two people at the desk on Friday evenings.", false, At(fran, TimeSpan.FromDays(2.8)));
        c5.RecordAtonement(GestureType.Voucher, 20m, "EUR", "Drinks voucher for the bar.", Power(50m), At(fran, TimeSpan.FromDays(2.8)));
        c5.ScheduleFollowUp(DateOnly.FromDateTime(now.UtcDateTime), new ActionContext(fran, now - TimeSpan.FromDays(2.7), Sla: policy));

        // Closed, recovered.
        var c6 = Open(customers[0], sam, TimeSpan.FromDays(40), Channel.Phone, "Cleanliness", Severity.Moderate,
            "The bathroom had not been cleaned when I arrived.", "A clean room on arrival.", "Clean it now.", 320m);
        c6.Apologize("I'm very sorry — that is not the welcome you deserve.", [], At(sam, TimeSpan.FromDays(40)));
        c6.Listen("Disappointed.", "Clean it now.", At(sam, TimeSpan.FromDays(40)));
        c6.ClassifyRootCause(causes["Training"], "New housekeeper skipped the bathroom checklist.", null, At(sam, TimeSpan.FromDays(40)));
        c6.Fix("Housekeeping cleaned the room within 20 minutes; supervisor inspected.", true, At(sam, TimeSpan.FromDays(40)));
        c6.RecordAtonement(GestureType.ApologyOnly, null, null, "Fixed on the spot; the guest said an apology was enough.", Power(500m), At(sam, TimeSpan.FromDays(40)));
        c6.ScheduleFollowUp(DateOnly.FromDateTime((now - TimeSpan.FromDays(39)).UtcDateTime), new ActionContext(sam, now - TimeSpan.FromDays(40), Sla: policy));
        c6.RecordFollowUpOutcome(FollowUpOutcome.Satisfied, "Happy with the room; will come back.", new ActionContext(sam, now - TimeSpan.FromDays(39), Sla: policy));

        // A gesture above Fran's limit, waiting for a supervisor.
        var c8 = Open(customers[4], fran, TimeSpan.FromHours(6), Channel.Phone, "Room and facilities", Severity.Major,
            "The lift was out of order for the whole stay and we are on the 7th floor with a pushchair.", "A working lift.", "Money back for the trouble.", 420m);
        c8.Apologize("I'm so sorry — seven floors with a pushchair is exhausting.", [], At(fran, TimeSpan.FromHours(5.9)));
        c8.Listen("Exhausted, feels the hotel did not care.", "Money back for the trouble.", At(fran, TimeSpan.FromHours(5.8)));
        c8.ClassifyRootCause(causes["Maintenance"], null, null, At(fran, TimeSpan.FromHours(5.5)));
        c8.Fix("Moved the family to a first-floor family room; engineer on site for the lift.", false, At(fran, TimeSpan.FromHours(5.5)));
        c8.RecordAtonement(GestureType.Refund, 150m, "EUR", "One night refunded.", Power(50m), At(fran, TimeSpan.FromHours(5.4)));

        // Unassigned, just in from the web form.
        Open(customers[1], fran, TimeSpan.FromMinutes(40), Channel.Web, "Booking and reservations", Severity.Critical,
            "My booking for my wedding guests has disappeared and the hotel says it is full.", "Our 12 rooms as confirmed.", "Find us rooms tonight.", 2400m, assign: false);

        // Closed cases with causes over the last 90 days, for the process owner's inbox: hand-offs fell after the
        // improvement action was done 35 days ago (6 in the 5 weeks before, 1 in the 5 weeks after).
        var closed = new (double DaysAgo, string Cause, string Category, int Customer, decimal? Voucher)[]
        {
            (84, "Hand-off", "Food and drink", 2, 15m), (80, "Noise", "Noise", 3, null), (75, "Hand-off", "Room and facilities", 0, 30m),
            (70, "Hand-off", "Food and drink", 2, null), (66, "Food & beverage", "Food and drink", 1, 20m), (62, "Hand-off", "Booking and reservations", 4, null),
            (58, "Noise", "Noise", 3, 25m), (52, "Hand-off", "Food and drink", 0, 20m), (47, "Booking", "Booking and reservations", 1, null),
            (43, "Hand-off", "Room and facilities", 4, 40m), (38, "Hand-off", "Food and drink", 2, null), (33, "Noise", "Noise", 1, null),
            (25, "Food & beverage", "Food and drink", 3, 15m), (18, "Hand-off", "Food and drink", 0, 20m), (12, "Noise", "Noise", 3, 30m),
            (6, "Staffing", "Waiting and delays", 4, null),
        };
        foreach (var (daysAgo, cause, category, customer, voucher) in closed)
        {
            var ago = TimeSpan.FromDays(daysAgo);
            var step = TimeSpan.FromHours(2);
            var c = Open(customers[customer], fran, ago, Channel.InPerson, category, Severity.Moderate,
                "Sample complaint for the demo: the guest was let down.", null, null, 120m);
            c.Apologize("I'm so sorry this happened.", [], At(fran, ago - step));
            c.Listen("Let down.", null, At(fran, ago - (2 * step)));
            c.ClassifyRootCause(causes[cause], null, null, At(fran, ago - (3 * step)));
            c.Fix("Put right on the day.", daysAgo % 2 == 0, At(fran, ago - (3 * step)));
            c.RecordAtonement(voucher is null ? GestureType.ApologyOnly : GestureType.Voucher, voucher, voucher is null ? null : "EUR",
                voucher is null ? "Fixed on the spot; an apology was enough." : "Voucher for the restaurant.", Power(50m), At(fran, ago - (4 * step)));
            var followUpAt = ago - TimeSpan.FromDays(1);
            c.ScheduleFollowUp(At(fran, followUpAt).Today, At(fran, ago - (4 * step)));
            if (daysAgo % 5 == 3)
            {
                c.CloseUnsatisfied("Still unhappy; nothing more we can offer.", At(fran, followUpAt));
            }
            else
            {
                c.RecordFollowUpOutcome(FollowUpOutcome.Satisfied, "Happy now.", At(fran, followUpAt));
            }
        }

        if (owner is not null)
        {
            var done = At(owner, TimeSpan.FromDays(35));
            var action = Domain.Improvement.ImprovementAction.Open(causes["Hand-off"].Id,
                "Allergy and special requests printed on the kitchen ticket, and read out at the 7:00 and 15:00 shift hand-overs.",
                owner.UserId, owner.Name, done.Today.AddDays(7), At(owner, TimeSpan.FromDays(50)));
            action.MarkDone(done.Today, done);
            db.ImprovementActions.Add(action);
            var open = Domain.Improvement.ImprovementAction.Open(causes["Noise"].Id,
                "Tell guests about building work at booking and offer a quiet-side room.",
                owner.UserId, owner.Name, At(owner, TimeSpan.Zero).Today.AddDays(21), At(owner, TimeSpan.FromDays(3)));
            db.ImprovementActions.Add(open);
        }

        await db.SaveChangesAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT setval('case_number_seq', {number})", ct);
    }
}
