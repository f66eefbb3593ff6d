using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Infrastructure.Messaging;
using ServiceRecovery.Web.Infrastructure.Startup;
using ServiceRecovery.Web.Tests.Cases;

namespace ServiceRecovery.BrowserTests;

/// <summary>
/// A customer opens the survey link from the captured e-mail (the survey-invitation message in outbox_messages),
/// answers "not fixed", and the owner, signed in, sees the case reopened.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "E2E")]
public sealed class SurveyJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_customer_answers_not_fixed_from_the_emailed_link_and_the_owner_sees_the_case_reopened()
    {
        var driver = new CaseDriver(Fixture);
        var reference = await driver.LogAtAsync(Stage.FollowUpDue);
        var email = await Fixture.QueryAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.Kind == MessageKinds.SurveyInvitation).SingleAsync());
        var link = System.Text.RegularExpressions.Regex.Match(email.TextBody, "/s/[A-Za-z0-9_-]{22}").Value;
        Assert.False(string.IsNullOrEmpty(link), "no survey link in the captured e-mail");

        // The customer, in Vietnamese first (to check the page), then in English.
        var customer = await Fixture.NewPageAsync();
        await customer.GotoAsync(link + "?lang=vi");
        await Assertions.Expect(customer.Locator("h1")).ToHaveTextAsync("Chúng tôi đã khắc phục xong mọi việc cho quý khách chưa?");
        await AssertNoViolationsAsync(customer, "survey page (vi)");
        await BrowserFixture.ScreenshotAsync(customer, "survey-vi");
        await customer.GotoAsync(link + "?lang=en");
        await AssertNoViolationsAsync(customer, "survey page (en)");

        // Submitting nothing: the messages, next to their questions, and still accessible.
        await customer.GetByRole(AriaRole.Button, new() { Name = "Send my answer" }).ClickAsync();
        await Assertions.Expect(customer.GetByTestId("survey-errors")).ToBeVisibleAsync();
        await AssertNoViolationsAsync(customer, "survey page with errors");

        await customer.GetByLabel("No, something is still not right").CheckAsync();
        await customer.GetByLabel("Anything you would like to tell us?").FillAsync("The shower is cold again since yesterday.");
        // The scales by keyboard: into the CSAT group, then arrow keys move the choice.
        await customer.Locator("#csat-1").FocusAsync();
        await customer.Keyboard.PressAsync("Space");
        await customer.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(customer.Locator("#csat-2")).ToBeCheckedAsync();
        await customer.Locator("label[for=nps-3]").ClickAsync();
        await customer.GetByLabel("Yes, please contact me").CheckAsync();
        await BrowserFixture.ScreenshotAsync(customer, "survey-en");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Send my answer" }).ClickAsync();

        await customer.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/s/thanks");
        await Assertions.Expect(customer.GetByTestId("survey-thanks")).ToContainTextAsync("will get back to you");
        await AssertNoViolationsAsync(customer, "thank-you page");
        await BrowserFixture.ScreenshotAsync(customer, "survey-thanks");
        await customer.GotoAsync(link);
        await Assertions.Expect(customer.Locator("h1")).ToHaveTextAsync("Thank you, we have your answer");

        // The owner sees it.
        var owner = await Fixture.NewPageAsync();
        await owner.GotoAsync("/account/login");
        await owner.GetByLabel("Email").FillAsync(CaseDriver.Frontline);
        await owner.GetByLabel("Password").FillAsync(DemoData.Password);
        await owner.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await owner.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await owner.GotoAsync($"/cases/{reference}");
        await Assertions.Expect(owner.GetByTestId("case-stage")).ToHaveTextAsync("Listened");
        await Assertions.Expect(owner.GetByTestId("timeline")).ToContainTextAsync("Survey: the customer says it is not fixed");
        await Assertions.Expect(owner.GetByTestId("survey-answer")).ToContainTextAsync("The shower is cold again since yesterday.");
        await Assertions.Expect(owner.GetByTestId("survey-answer")).ToContainTextAsync("CSAT 2 / 5 · NPS 3 / 10");
        await AssertNoViolationsAsync(owner, "case page with the survey answer", seriousOnly: true);
        await BrowserFixture.ScreenshotAsync(owner, "case-survey-answered");
        var told = await Fixture.QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == MessageKinds.CaseReopened).SingleAsync());
        Assert.Equal(CaseDriver.Frontline, told.ToAddress);
    }

    private static async Task AssertNoViolationsAsync(IPage page, string what, bool seriousOnly = false)
    {
        var results = await page.RunAxe();
        var violations = results.Violations.Where(v => !seriousOnly || v.Impact is "serious" or "critical").ToList();
        Assert.True(violations.Count == 0, $"Accessibility problems on the {what}: " +
            string.Join("; ", violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html).Take(3))}")));
    }
}
