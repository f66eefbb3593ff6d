using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ServiceRecovery.Web.Infrastructure.Startup;
using ServiceRecovery.Web.Tests.Approvals;

namespace ServiceRecovery.BrowserTests;

/// <summary>
/// Frontline proposes a gesture above their limit; a supervisor approves a lower amount with a reason;
/// frontline sees the decision and completes the follow-up.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "E2E")]
public sealed class ApprovalJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_gesture_above_the_limit_is_approved_at_a_different_amount_and_the_case_is_recovered()
    {
        var reference = await ApprovalDriver.FixedCaseAsync(Fixture);
        var fran = await Fixture.NewPageAsync();
        await SignInAsync(fran, "frontline@demo.test");

        // Frontline proposes 150.00: the guidance panel shows the suggested range and the limit.
        await fran.GotoAsync($"/cases/{reference}/atone");
        await Assertions.Expect(fran.GetByTestId("guidance-range")).ToHaveTextAsync("120.00–240.00 EUR");
        await Assertions.Expect(fran.GetByTestId("headroom")).ToHaveTextAsync("50.00 EUR");
        await fran.GetByLabel("Refund").CheckAsync();
        await fran.GetByLabel("Value (EUR)").FillAsync("150");
        await fran.GetByLabel("Description, or why an apology is enough").FillAsync("A night back for a cold room.");
        await BrowserFixture.ScreenshotAsync(fran, "atone-guidance-panel");
        await fran.GetByRole(AriaRole.Button, new() { Name = "Record gesture" }).ClickAsync();
        await Assertions.Expect(fran.GetByTestId("flash")).ToContainTextAsync("Sent to a supervisor for approval");
        await Assertions.Expect(fran.GetByTestId("case-stage")).ToHaveTextAsync("Gesture awaiting approval");

        // The supervisor decides from the approvals queue.
        var sam = await Fixture.NewPageAsync();
        await SignInAsync(sam, "supervisor@demo.test");
        await sam.GetByRole(AriaRole.Link, new() { Name = "Approvals", Exact = true }).First.ClickAsync();
        await Assertions.Expect(sam.GetByTestId("pending-count")).ToHaveTextAsync("1 waiting");
        await BrowserFixture.ScreenshotAsync(sam, "approvals-queue");
        await sam.GetByRole(AriaRole.Link, new() { Name = "Decide" }).ClickAsync();
        await Assertions.Expect(sam.GetByTestId("guidance-panel")).ToBeVisibleAsync();
        await sam.GetByLabel("Approve a lower amount").CheckAsync();
        await sam.GetByLabel("Amount instead").FillAsync("120");
        await sam.GetByLabel("Reason").FillAsync("One night at the rate paid is fair.");
        await BrowserFixture.ScreenshotAsync(sam, "approvals-decide");
        await sam.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await Assertions.Expect(sam.GetByTestId("case-stage")).ToHaveTextAsync("Gesture given");

        // Frontline sees the decision at home, then follows up.
        await fran.GotoAsync("/");
        await Assertions.Expect(fran.GetByTestId("my-gesture-decisions")).ToContainTextAsync("approved at 120.00");
        await Assertions.Expect(fran.GetByTestId("my-gesture-decisions")).ToContainTextAsync("One night at the rate paid is fair.");
        await fran.GotoAsync($"/cases/{reference}");
        await Assertions.Expect(fran.GetByTestId("timeline")).ToContainTextAsync("Approved a lower amount");
        await fran.GetByRole(AriaRole.Link, new() { Name = "Schedule follow-up" }).ClickAsync();
        await fran.GetByRole(AriaRole.Button, new() { Name = "Schedule" }).ClickAsync();
        await fran.GetByRole(AriaRole.Link, new() { Name = "Customer is satisfied" }).ClickAsync();
        await fran.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();
        await Assertions.Expect(fran.GetByTestId("case-stage")).ToHaveTextAsync("Closed (recovered)");
        await BrowserFixture.ScreenshotAsync(fran, "approvals-case-recovered");

        await fran.Context.CloseAsync();
        await sam.Context.CloseAsync();
    }

    [Fact]
    public async Task A_supervisor_proposes_a_higher_amount_and_a_manager_decides_it_by_keyboard()
    {
        var reference = await ApprovalDriver.PendingCaseAsync(Fixture, amount: 60m);
        var sam = await Fixture.NewPageAsync();
        await SignInAsync(sam, "supervisor@demo.test");

        // Approving more than proposed is refused with the way forward; proposing it sends it to someone else.
        await sam.GotoAsync($"/cases/{reference}/decide");
        await sam.GetByLabel("Approve a lower amount").CheckAsync();
        await sam.GetByLabel("Amount instead").FillAsync("180");
        await sam.GetByLabel("Reason").FillAsync("A family of four lost a night.");
        await sam.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await Assertions.Expect(sam.GetByTestId("form-errors")).ToContainTextAsync("You can approve 60.00 EUR or less");
        await sam.GetByLabel("Propose a higher amount").FocusAsync();
        await sam.Keyboard.PressAsync("Space");
        await BrowserFixture.ScreenshotAsync(sam, "approvals-propose-higher");
        var axe = await sam.RunAxe();
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}"));
        await sam.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).PressAsync("Enter");
        await Assertions.Expect(sam.GetByTestId("flash")).ToContainTextAsync("Another supervisor or a manager decides it");
        await Assertions.Expect(sam.GetByTestId("gesture-2")).ToContainTextAsync("Waiting for approval");

        // The manager sees who raised it and why, and approves.
        var maya = await Fixture.NewPageAsync();
        await SignInAsync(maya, "manager@demo.test");
        await maya.GotoAsync("/approvals");
        await Assertions.Expect(maya.Locator($"[data-reference='{reference}']")).ToContainTextAsync("Sam Supervisor proposed more than Fran Frontline");
        await maya.GotoAsync($"/cases/{reference}/decide");
        await maya.GetByLabel("Approve as proposed").CheckAsync();
        await maya.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await Assertions.Expect(maya.GetByTestId("case-stage")).ToHaveTextAsync("Gesture given");
        await Assertions.Expect(maya.GetByTestId("gesture-1")).ToContainTextAsync("Replaced by a higher proposal");
        await BrowserFixture.ScreenshotAsync(maya, "approvals-raised-and-approved");

        await sam.Context.CloseAsync();
        await maya.Context.CloseAsync();
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
    }
}
