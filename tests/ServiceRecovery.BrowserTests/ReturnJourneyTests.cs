using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Infrastructure.Startup;
using ServiceRecovery.Web.Tests.Cases;

namespace ServiceRecovery.BrowserTests;

/// <summary>
/// The owner of a recovered case records, by keyboard, that the customer came back: a wrong value is named next to its
/// field, the saved return shows on the case. 0 axe violations on the form, with and without errors.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "E2E")]
public sealed class ReturnJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_owner_records_that_the_customer_came_back_and_sees_it_on_the_case()
    {
        var reference = await new CaseDriver(Fixture).LogAtAsync(Stage.Closed);
        var fran = await Fixture.NewPageAsync();
        await fran.GotoAsync("/account/login");
        await fran.GetByLabel("Email").FillAsync(CaseDriver.Frontline);
        await fran.GetByLabel("Password").FillAsync(DemoData.Password);
        await fran.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await fran.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");

        await fran.GotoAsync($"/cases/{reference}");
        await fran.GetByRole(AriaRole.Link, new() { Name = "Record that the customer came back" }).ClickAsync();
        await fran.WaitForURLAsync(url => new Uri(url).AbsolutePath.EndsWith("/return", StringComparison.Ordinal));
        await AssertNoViolationsAsync(fran, "return form");

        await fran.GetByLabel("What they spent (EUR) (optional)").FillAsync("-3");
        await fran.Keyboard.PressAsync("Enter");
        await Assertions.Expect(fran.Locator("#value-error")).ToHaveTextAsync("What they spent must be between 0 and 1,000,000 (or leave it empty).");
        await AssertNoViolationsAsync(fran, "return form with an error");
        await BrowserFixture.ScreenshotAsync(fran, "case-return-error");

        await fran.GetByLabel("What they spent (EUR) (optional)").FillAsync("240");
        await fran.GetByRole(AriaRole.Button, new() { Name = "Save the return" }).ClickAsync();
        await fran.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/cases/{reference}");
        await Assertions.Expect(fran.GetByTestId("customer-returned")).ToContainTextAsync("· spent 240.00 EUR");
        await Assertions.Expect(fran.GetByTestId("record-return")).ToHaveTextAsync("Correct the return");
        await AssertNoViolationsAsync(fran, "case page with the return", seriousOnly: true);
        await BrowserFixture.ScreenshotAsync(fran, "case-returned");
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
