using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Messaging;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Improvement;

/// <summary>
/// The weekly digest to each process owner: per cause they own, how many cases with it closed in the week (Monday to
/// Sunday, organisation's zone). <see cref="EnqueueAsync"/> puts one message per owner in the outbox, at most once per
/// owner and week (a second call for the same week adds nothing), and the caller saves (a Quartz job's unit of work).
/// </summary>
public sealed class RootCauseDigest(AppDbContext db, Outbox outbox, IOptions<OrganisationOptions> organisation, IOptions<AppOptions> app)
{
    public sealed record Line(string Cause, int Count);

    public sealed record OwnerDigest(Guid OwnerId, string Email, string Name, IReadOnlyList<Line> Lines);

    /// <summary>The Monday that starts the week containing <paramref name="day"/>.</summary>
    public static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public static string Subject(DateOnly weekOf) =>
        string.Create(CultureInfo.InvariantCulture, $"Your root causes: the week from {weekOf:yyyy-MM-dd}");

    /// <summary>Each enabled owner with at least one cause, and their causes' closed-case counts for the week (zero included).</summary>
    public async Task<IReadOnlyList<OwnerDigest>> ContentAsync(DateOnly weekOf, CancellationToken ct)
    {
        var zone = organisation.Value.TimeZone;
        var weekStart = OrganisationDays.StartOf(weekOf, zone);
        var weekEnd = OrganisationDays.StartOf(weekOf.AddDays(7), zone);
        var rows = await (from cause in db.RootCauses.AsNoTracking()
                          join g in db.RootCauseGroups.AsNoTracking() on cause.GroupId equals g.Id
                          join u in db.Users.AsNoTracking() on cause.ProcessOwnerId equals u.Id
                          where !u.IsDisabled && u.Email != null
                          orderby g.SortOrder, cause.SortOrder
                          select new
                          {
                              OwnerId = u.Id, u.Email, u.DisplayName, Group = g.Name, cause.Name, cause.Id,
                              Count = db.Cases.Count(c => c.RootCauseId == cause.Id && c.ClosedAt >= weekStart && c.ClosedAt < weekEnd && c.Outcome != CaseOutcome.Withdrawn),
                          }).ToListAsync(ct);
        return [.. rows.GroupBy(r => r.OwnerId).Select(g => new OwnerDigest(
            g.Key, g.First().Email!, g.First().DisplayName,
            [.. g.Select(r => new Line(new RootCauseLeaf(r.Id, r.Group, r.Name, true).FullName, r.Count))]))];
    }

    /// <summary>Enqueues the week's digest for every owner who has not had it yet; returns how many were enqueued.</summary>
    public async Task<int> EnqueueAsync(DateOnly weekOf, CancellationToken ct)
    {
        weekOf = WeekOf(weekOf);
        var subject = Subject(weekOf);
        var sent = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Kind == MessageKinds.RootCauseWeeklyDigest && m.Subject == subject)
            .Select(m => m.ToAddress).ToListAsync(ct);
        var enqueued = 0;
        foreach (var owner in await ContentAsync(weekOf, ct))
        {
            if (sent.Contains(owner.Email))
            {
                continue;
            }

            outbox.Enqueue(MessageKinds.RootCauseWeeklyDigest, new MessageRecipient(owner.Email, owner.Name), OwnerNotifications.OwnerLanguage,
                new Dictionary<string, object?>
                {
                    ["subject"] = subject,
                    ["name"] = owner.Name,
                    ["week"] = weekOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["lines"] = owner.Lines.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Cause}: {l.Count}")).ToList(),
                    ["link"] = app.Value.Link(Routes.Improvement),
                    ["organisation"] = organisation.Value.Name,
                });
            enqueued++;
        }

        return enqueued;
    }
}
