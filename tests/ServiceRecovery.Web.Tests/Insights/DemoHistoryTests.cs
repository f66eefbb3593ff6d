using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

        Assert.InRange(total, 140, 180); // 140 past cases plus the demo's current ones (24 since the root-cause and survey demos)
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
}
