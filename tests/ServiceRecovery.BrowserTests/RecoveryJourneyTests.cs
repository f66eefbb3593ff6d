using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ServiceRecovery.Web.Infrastructure.Startup;

namespace ServiceRecovery.BrowserTests;

/// <summary>A frontline member of staff logs a complaint and walks it all the way to a recovered, closed case.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "E2E")]
public sealed class RecoveryJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Frontline_logs_a_complaint_for_a_new_customer_and_recovers_it_to_closed()
    {
        var page = await Fixture.NewPageAsync();
        await SignInAsync(page, "frontline@demo.test");

        // Log the complaint for a new customer.
        await page.GetByRole(AriaRole.Link, new() { Name = "Log a complaint" }).First.ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Priya Shah");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync("priya.shah@example.com");
        await page.GetByLabel("Channel").SelectOptionAsync("InPerson");
        await page.GetByLabel("Category").SelectOptionAsync("Room and facilities");
        await page.GetByLabel("3 · Major").CheckAsync();
        await page.GetByLabel("What happened — in the customer's own words").FillAsync("The shower was cold for two days and nobody came when I called reception.");
        await page.GetByLabel("What they would like to happen").FillAsync("Hot water, and to be taken seriously.");
        await AssertAccessibleAsync(page, "new complaint");
        await BrowserFixture.ScreenshotAsync(page, "case-new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log complaint" }).ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/cases/SR-", StringComparison.Ordinal));
        var reference = await page.GetByTestId("case-reference").InnerTextAsync();
        Assert.Matches("^SR-\\d{4}-\\d{6}$", reference);
        Assert.Equal("Logged", await page.GetByTestId("case-stage").InnerTextAsync());
        await AssertAccessibleAsync(page, "case page");

        // Apologize: the coach flags "I understand", without blocking.
        await page.GetByRole(AriaRole.Link, new() { Name = "Apologize" }).ClickAsync();
        await page.GetByLabel("The apology").FillAsync("I understand, and I'm so sorry about the shower.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check my wording" }).ClickAsync();
        var hints = page.GetByTestId("coaching-hints");
        await Assertions.Expect(hints).ToContainTextAsync("Instead of “I understand”");
        await Assertions.Expect(hints).ToContainTextAsync("I can only imagine how you feel");
        await BrowserFixture.ScreenshotAsync(page, "case-apologize-coaching");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record apology" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-stage")).ToHaveTextAsync("Apologized");

        await page.GetByRole(AriaRole.Link, new() { Name = "Listen and empathize" }).ClickAsync();
        await page.GetByLabel("How does the customer feel?").FillAsync("Cold, tired and ignored.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-stage")).ToHaveTextAsync("Listened");

        await page.GetByRole(AriaRole.Link, new() { Name = "Fix the problem" }).ClickAsync();
        await page.GetByLabel("What was done to resolve it?").FillAsync("Engineer replaced the thermostatic valve; hot water checked with the guest.");
        await page.GetByLabel("Resolved at first contact").CheckAsync();
        await page.GetByLabel("Root cause", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Facility › Maintenance" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Record fix" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-stage")).ToHaveTextAsync("Fixed");

        await page.GetByRole(AriaRole.Link, new() { Name = "Make amends" }).ClickAsync();
        await page.GetByLabel("Apology only").CheckAsync();
        await page.GetByLabel("Description, or why an apology is enough").FillAsync("Guest asked only for a working shower and an apology.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record gesture" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-stage")).ToHaveTextAsync("Gesture given");

        await page.GetByRole(AriaRole.Link, new() { Name = "Schedule follow-up" }).ClickAsync();
        Assert.False(string.IsNullOrEmpty(await page.GetByLabel("Follow up on").InputValueAsync()), "the date defaults to the next business day");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-stage")).ToHaveTextAsync("Follow-up due");
        await BrowserFixture.ScreenshotAsync(page, "case-follow-up-due");

        await page.GetByRole(AriaRole.Link, new() { Name = "Customer is satisfied" }).ClickAsync();
        await page.GetByLabel("Note").FillAsync("All good now, thanks for calling.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("case-stage")).ToHaveTextAsync("Closed (recovered)");
        await Assertions.Expect(page.GetByTestId("no-actions")).ToContainTextAsync("Nothing more to do");
        var timeline = page.GetByTestId("timeline").Locator("li");
        Assert.Equal(8, await timeline.CountAsync());
        var text = await page.GetByTestId("timeline").InnerTextAsync();
        foreach (var expected in new[] { "Logged the complaint", "Apologized to the customer", "Listened to the customer", "Recorded the root cause: Facility › Maintenance", "Fixed the problem at first contact", "Apologized without a gesture of value", "Scheduled a follow-up", "the customer is satisfied" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        await AssertAccessibleAsync(page, "closed case page");
        await BrowserFixture.ScreenshotAsync(page, "case-closed");
        await page.Context.CloseAsync();
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
    }

    private static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var results = await page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"Accessibility problems on the {what}: " +
            string.Join("; ", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html).Take(3))}")));
    }
}
