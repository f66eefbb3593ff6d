using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Sla;
using ServiceRecovery.Web.Data;

namespace ServiceRecovery.Web.Infrastructure.Cases;

/// <summary>
/// The SLA policy from the database (Admin-editable), cached for a minute. Business hours are written as
/// "24x7" or day ranges with hours, e.g. "Mon-Fri 09:00-17:00; Sat 10:00-14:00".
/// </summary>
public sealed class SlaPolicies(AppDbContext db, IMemoryCache cache)
{
    private const string CacheKey = "sla-policy";

    public static readonly IReadOnlyList<SlaTargetRow> DefaultTargets =
    [
        new() { Severity = Severity.Critical, FirstResponseMinutes = 60, ResolutionMinutes = 24 * 60 },
        new() { Severity = Severity.Major, FirstResponseMinutes = 4 * 60, ResolutionMinutes = 72 * 60 },
        new() { Severity = Severity.Moderate, FirstResponseMinutes = 8 * 60, ResolutionMinutes = 120 * 60 },
        new() { Severity = Severity.Minor, FirstResponseMinutes = 24 * 60, ResolutionMinutes = 168 * 60 },
    ];

    public async Task<SlaPolicy> GetAsync(CancellationToken ct = default)
    {
        if (cache.TryGetValue(CacheKey, out SlaPolicy? cached) && cached is not null)
        {
            return cached;
        }

        var targets = await db.SlaTargets.AsNoTracking().ToListAsync(ct);
        var settings = await db.SlaSettings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new SlaSettingsRow();
        var policy = Build(targets.Count == 4 ? targets : DefaultTargets, settings);
        cache.Set(CacheKey, policy, TimeSpan.FromMinutes(1));
        return policy;
    }

    public void Forget() => cache.Remove(CacheKey);

    public static SlaPolicy Build(IReadOnlyList<SlaTargetRow> targets, SlaSettingsRow settings)
    {
        SlaTargets For(Severity s)
        {
            var t = targets.Single(x => x.Severity == s);
            return new SlaTargets(TimeSpan.FromMinutes(t.FirstResponseMinutes), TimeSpan.FromMinutes(t.ResolutionMinutes));
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZoneId);
        return new SlaPolicy(For(Severity.Critical), For(Severity.Major), For(Severity.Moderate), For(Severity.Minor),
            ParseCalendar(settings.BusinessHours, zone), settings.AtRiskPercent / 100.0);
    }

    /// <summary>"24x7" or "Mon-Fri 09:00-17:00; Sat 10:00-14:00" (several ranges per day allowed, comma-separated).</summary>
    public static BusinessCalendar ParseCalendar(string text, TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Equals("24x7", StringComparison.OrdinalIgnoreCase))
        {
            return BusinessCalendar.AlwaysOpenIn(zone);
        }

        var days = new Dictionary<DayOfWeek, List<OpeningHours>>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var space = part.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                throw new FormatException($"“{part}”: write days then hours, e.g. Mon-Fri 09:00-17:00.");
            }

            var hours = part[(space + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(range =>
                {
                    var ends = range.Split('-', StringSplitOptions.TrimEntries);
                    if (ends.Length != 2 || !TimeOnly.TryParseExact(ends[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var open)
                        || !TimeOnly.TryParseExact(ends[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var close) || close <= open)
                    {
                        throw new FormatException($"“{range}”: write hours as 09:00-17:00.");
                    }

                    return new OpeningHours(open, close);
                }).ToList();
            foreach (var day in Days(part[..space]))
            {
                (days.TryGetValue(day, out var list) ? list : days[day] = []).AddRange(hours);
            }
        }

        return BusinessCalendar.Weekly(zone, days.ToDictionary(d => d.Key, d => (IReadOnlyList<OpeningHours>)d.Value));
    }

    private static IEnumerable<DayOfWeek> Days(string spec)
    {
        var names = new[] { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
        int Index(string name) => Array.FindIndex(names, n => n.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase)) is var i and >= 0
            ? i : throw new FormatException($"“{name}” is not a day: use Mon, Tue, Wed, Thu, Fri, Sat, Sun.");
        var ends = spec.Split('-');
        if (ends.Length == 1)
        {
            yield return (DayOfWeek)Index(ends[0]);
            yield break;
        }

        for (int d = Index(ends[0]), last = Index(ends[1]); ; d = (d + 1) % 7)
        {
            yield return (DayOfWeek)d;
            if (d == last)
            {
                yield break;
            }
        }
    }
}
