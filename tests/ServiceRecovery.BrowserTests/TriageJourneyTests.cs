using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Infrastructure.Startup;
using ServiceRecovery.Web.Tests.Cases;

namespace ServiceRecovery.BrowserTests;

/// <summary>
/// Frontline triages an unassigned complaint in Chromium: saving without a change is refused on the form, a new category
/// and severity show on the case page. 0 axe violations on the form, with and without the error.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "E2E")]
public sealed class TriageJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Frontline_puts_an_unassigned_complaint_in_the_right_category_and_severity()
    {
        var reference = await new CaseDriver(Fixture).LogAtAsync(Stage.Logged, owner: null);
        var fran = await Fixture.NewPageAsync();
        await fran.GotoAsync("/account/login");
        await fran.GetByLabel("Email").FillAsync(CaseDriver.Frontline);
        await fran.GetByLabel("Password").FillAsync(DemoData.Password);
        await fran.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await fran.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");

        await fran.GotoAsync($"/cases/{reference}");
        await fran.GetByRole(AriaRole.Link, new() { Name = "Change category or severity" }).ClickAsync();
        await fran.WaitForURLAsync(url => new Uri(url).AbsolutePath.EndsWith("/triage", StringComparison.Ordinal));
        await AssertNoViolationsAsync(fran, "triage form");

        await fran.GetByRole(AriaRole.Button, new() { Name = "Save category and severity" }).ClickAsync();
        await Assertions.Expect(fran.GetByTestId("form-errors")).ToContainTextAsync("Nothing changed: the case is already Room and facilities, severity Major.");
        await AssertNoViolationsAsync(fran, "triage form with an error");
        await BrowserFixture.ScreenshotAsync(fran, "case-triage-error");

        await fran.GetByLabel("Category").SelectOptionAsync("Food and drink");
        await fran.GetByLabel("Severity").SelectOptionAsync("Critical");
        await fran.GetByLabel("Why the change? (optional)").FillAsync("Allergic reaction at breakfast");
        await fran.GetByRole(AriaRole.Button, new() { Name = "Save category and severity" }).ClickAsync();
        await fran.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/cases/{reference}");
        await Assertions.Expect(fran.GetByTestId("flash")).ToContainTextAsync("Category and severity saved: Food and drink, 4 · Critical.");
        await Assertions.Expect(fran.GetByTestId("case-severity")).ToHaveTextAsync("4 · Critical");
        await Assertions.Expect(fran.GetByTestId("case-owner")).ToHaveTextAsync("unassigned");
        await AssertNoViolationsAsync(fran, "case page after triage", seriousOnly: true);
        await BrowserFixture.ScreenshotAsync(fran, "case-triaged");
        await fran.Context.CloseAsync();
    }

    private static async Task AssertNoViolationsAsync(IPage page, string what, bool seriousOnly = false)
    {
        var results = await page.RunAxe();
        var violations = results.Violations.Where(v => !seriousOnly || v.Impact is "serious" or "critical").ToList();
        Assert.True(violations.Count == 0, $"Accessibility problems on the {what}: " +
            string.Join("; ", violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html).Take(3))}")));
    }
}
