using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Features.Insights;
using ServiceRecovery.Web.Infrastructure.Startup;
using ServiceRecovery.Web.Tests.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Insights;

public sealed class DemoHistoryTests(WebFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task The_demo_data_gives_the_dashboard_three_months_of_believable_figures_once()
    {
        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            await DemoCases.SeedAsync(db, clock);
            await DemoHistory.SeedAsync(db, clock);
            await DemoHistory.SeedAsync(db, clock); // a second start adds nothing
            await scope.ServiceProvider.GetRequiredService<KpiRollup>().RefreshChangedAsync();
        }

        var total = await Fixture.QueryAsync(db => db.Cases.CountAsync());
        var references = await Fixture.QueryAsync(db => db.Cases.Select(c => c.Reference).Distinct().CountAsync());
        using var manager = await Fixture.SignInAsync(CaseDriver.Manager);
        var page = await manager.GetPageAsync("/insights?days=90");

        // 140 past cases, the demo's current ones (24 since the root-cause and survey demos), 36 recovered long ago and
        // the later bookings of a few of those guests.
        Assert.InRange(total, 140 + DemoHistory.RecoveriesLongAgo, 180 + DemoHistory.RecoveriesLongAgo + 10);
        Assert.Equal(total, references);
        Assert.InRange(int.Parse(page.QuerySelector("[data-testid=value-closed]")!.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture), 100, 170);
        Assert.True(page.QuerySelectorAll("[data-testid=trend] tbody tr").Length >= 12);
        Assert.InRange(page.QuerySelectorAll("[data-testid=owners] tbody tr").Length, 2, 3); // Fran, Sam, maybe unassigned
        Assert.DoesNotContain("—", page.QuerySelector("[data-testid=value-resolution_median]")!.TextContent, StringComparison.Ordinal);

        // Customers answered the survey: CSAT and NPS (before and after) have figures, not "no answers yet".
        var answered = await Fixture.QueryAsync(db => db.Cases.CountAsync(c => c.Csat != null));
        Assert.InRange(answered, 20, 100);
        Assert.True(await Fixture.QueryAsync(db => db.Cases.AnyAsync(c => c.NpsBefore != null && c.NpsAfter != null)));
        foreach (var key in new[] { "csat", "nps", "nps_before", "nps_after" })
        {
            Assert.DoesNotContain("no answers yet", page.QuerySelector($"[data-testid=value-{key}]")!.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_demo_has_recoveries_closed_90_days_ago_or_more_about_half_of_whose_guests_came_back()
    {
        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            await DemoCases.SeedAsync(db, clock);
            await DemoHistory.SeedAsync(db, clock);
        }

        var now = Fixture.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var cases = await Fixture.QueryAsync(db => db.Cases.AsNoTracking()
            .Select(c => new { c.Id, c.CustomerId, c.Outcome, c.OpenedAt, c.ClosedAt, c.TransactionValue, c.ReturnedOn, c.ReturnValue, c.ReturnCurrency, c.RootCauseId })
            .ToListAsync());
        var longAgo = cases.Where(c => c.Outcome == CaseOutcome.Recovered && c.ClosedAt <= now.AddDays(-90)).ToList();
        var days = (from c in longAgo select DateOnly.FromDateTime(c.ClosedAt!.Value.UtcDateTime)).ToList();

        // The retention KPI's rule: a return within 90 days of the close, or a later case of the same guest with a
        // transaction value opened within 90 days of the close.
        bool CameBack(DateOnly closedOn, DateOnly? returnedOn) => returnedOn >= closedOn && returnedOn <= closedOn.AddDays(90);
        var withReturn = longAgo.Where(c => CameBack(DateOnly.FromDateTime(c.ClosedAt!.Value.UtcDateTime), c.ReturnedOn)).ToList();
        var bookedAgain = longAgo.Where(c => c.ReturnedOn is null && cases.Any(later => later.CustomerId == c.CustomerId && later.Id != c.Id
            && later.TransactionValue != null && later.OpenedAt > c.ClosedAt && later.OpenedAt <= c.ClosedAt!.Value.AddDays(90))).ToList();

        Assert.InRange(longAgo.Count, 25, 45);
        Assert.All(longAgo, c => Assert.NotNull(c.RootCauseId));
        Assert.Contains(days, d => d <= DateOnly.FromDateTime(now.UtcDateTime).AddDays(-150)); // spread over months, not one day
        Assert.InRange(withReturn.Count * 100 / longAgo.Count, 35, 65);
        Assert.True(longAgo.Count - withReturn.Count - bookedAgain.Count >= 5, "Some guests never came back.");
        Assert.InRange(bookedAgain.Count, 2, 8);
        Assert.Contains(withReturn, c => c.ReturnValue > 0 && c.ReturnCurrency == "EUR");
        Assert.Contains(withReturn, c => c.ReturnValue is null);
        // Every return in the demo is one the domain would take: after the close, not in the future.
        Assert.All(cases.Where(c => c.ReturnedOn is not null), c =>
            Assert.InRange(c.ReturnedOn!.Value, DateOnly.FromDateTime(c.ClosedAt!.Value.UtcDateTime), DateOnly.FromDateTime(now.UtcDateTime)));
        // Recorded through the domain: each return is on its case's timeline.
        var returnEntries = await Fixture.QueryAsync(db => db.Timeline.CountAsync(t => t.Kind == TimelineKinds.CustomerReturned));
        Assert.Equal(cases.Count(c => c.ReturnedOn is not null), returnEntries);
    }
}
