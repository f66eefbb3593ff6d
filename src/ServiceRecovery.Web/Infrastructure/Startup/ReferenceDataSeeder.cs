using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Cases;

namespace ServiceRecovery.Web.Infrastructure.Startup;

/// <summary>
/// The lists an organisation starts with (complaint categories, the apology coach's phrases, the root-cause taxonomy), added once when
/// empty, in every environment. Admins edit them afterwards.
/// </summary>
public static class ReferenceDataSeeder
{
    public static async Task EnsureAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<AppDbContext>();
        if (!await db.Categories.AnyAsync(ct))
        {
            db.Categories.AddRange(CaseCategory.Defaults.Select((name, i) => new CaseCategory(name, (i + 1) * 10)));
        }

        if (!await db.CoachingPhrases.AnyAsync(ct))
        {
            db.CoachingPhrases.AddRange(ApologyCoach.DefaultPhrases.Select(p => new CoachingPhraseEntry(p.Avoid, p.Suggestion, p.Why)));
        }

        if (!await db.GuidanceBands.AnyAsync(ct))
        {
            db.GuidanceBands.AddRange(Domain.Compensation.CompensationGuidance.DefaultBands.Select(b => new GuidanceBandRow
            {
                Severity = b.Severity, MinPercent = b.MinPercent, MaxPercent = b.MaxPercent, FixedMin = b.FixedMin, FixedMax = b.FixedMax,
            }));
        }

        if (!await db.SlaTargets.AnyAsync(ct))
        {
            db.SlaTargets.AddRange(SlaPolicies.DefaultTargets.Select(t => new SlaTargetRow
            {
                Severity = t.Severity, FirstResponseMinutes = t.FirstResponseMinutes, ResolutionMinutes = t.ResolutionMinutes,
            }));
        }

        if (!await db.RootCauseGroups.AnyAsync(ct))
        {
            var order = 0;
            foreach (var (groupName, leaves) in RootCauseTaxonomy.Defaults)
            {
                var group = new RootCauseGroup(groupName, order += 10);
                db.RootCauseGroups.Add(group);
                db.RootCauses.AddRange(leaves.Select((leaf, i) => new RootCause(group.Id, leaf, (i + 1) * 10, processOwnerId: null)));
            }
        }

        if (!await db.SlaSettings.AnyAsync(ct))
        {
            db.SlaSettings.Add(new SlaSettingsRow());
        }

        await db.SaveChangesAsync(ct);
    }
}
