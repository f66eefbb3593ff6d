using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Features.Insights;
using ServiceRecovery.Web.Infrastructure.Startup;

namespace ServiceRecovery.BrowserTests;

/// <summary>A manager opens the dashboard over the demo's three months: four charts drawn, data tables there, 0 axe violations.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "E2E")]
public sealed class InsightsJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_dashboard_draws_its_charts_from_its_tables_and_passes_axe_in_Chromium()
    {
        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            await DemoCases.SeedAsync(db, clock);
            await DemoHistory.SeedAsync(db, clock);
            await scope.ServiceProvider.GetRequiredService<KpiRollup>().RefreshChangedAsync();
        }

        var maya = await Fixture.NewPageAsync();
        await maya.GotoAsync("/account/login");
        await maya.GetByLabel("Email").FillAsync("manager@demo.test");
        await maya.GetByLabel("Password").FillAsync(DemoData.Password);
        await maya.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await maya.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");

        await maya.GetByRole(AriaRole.Link, new() { Name = "Insights" }).ClickAsync();
        await maya.GetByTestId("preset-90").ClickAsync();
        // Outcomes, the weekly trend, SLA per owner and (the demo's customers answered the survey) the CSAT distribution.
        await Assertions.Expect(maya.Locator(".chart-box canvas")).ToHaveCountAsync(4);
        await Assertions.Expect(maya.GetByTestId("trend")).ToBeAttachedAsync();
        await maya.WaitForTimeoutAsync(800); // the charts' entry animation
        await BrowserFixture.ScreenshotAsync(maya, "insights-dashboard");

        var axe = await maya.RunAxe();
        Assert.Empty(axe.Violations.Select(v => $"{v.Id}: {v.Help}"));

        // The data tables are one click away, and a figure leads to its cases in the queue.
        await maya.Locator("#trend-table").Locator("xpath=ancestor::details").Locator("summary").ClickAsync();
        await Assertions.Expect(maya.GetByTestId("trend")).ToBeVisibleAsync();
        await maya.GetByTestId("link-closed").ClickAsync();
        await Assertions.Expect(maya.GetByTestId("insights-filter")).ToContainTextAsync("closed cases");
        await maya.Context.CloseAsync();
    }
}
