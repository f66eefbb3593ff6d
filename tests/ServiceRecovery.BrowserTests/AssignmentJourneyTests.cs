using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Infrastructure.Startup;
using ServiceRecovery.Web.Tests.Approvals;

namespace ServiceRecovery.BrowserTests;

/// <summary>
/// A supervisor finds a flagged customer's cases in the queue, reassigns one with a reason and returns another to
/// the unassigned pool, with the keyboard; frontline takes it from the pool.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "E2E")]
public sealed class AssignmentJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_supervisor_reassigns_and_returns_cases_to_the_pool_and_frontline_takes_one_in_Chromium()
    {
        // Three compensated cases for one customer (more than a frontline limit allows in 90 days): flagged.
        Guid? customerId = null;
        var flagged = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var reference = await ApprovalDriver.FixedCaseAsync(Fixture, customer: "Rex Repeat", customerId: customerId);
            customerId ??= await Fixture.QueryAsync(db => db.Cases.Where(c => c.Reference == reference).Select(c => c.CustomerId).SingleAsync());
            await ApprovalDriver.StepAsync(Fixture, new Atone.Command { Gesture = GestureType.Voucher, Amount = 20m }, reference, "supervisor@demo.test"); // within a supervisor's limit: granted at once
            flagged.Add(reference);
        }

        await Fixture.SendAsync(new New.Command
        {
            CustomerName = "Olive Other", CustomerPhone = "+44 20 7946 0003", Channel = Channel.Web, Category = "Noise", Severity = Severity.Minor,
            WhatHappened = "Music until 2am.", AssignToMe = true, RequestId = Guid.NewGuid(),
        }, "frontline@demo.test");

        var sam = await Fixture.NewPageAsync();
        await SignInAsync(sam, "supervisor@demo.test");
        await sam.GotoAsync("/queue");
        await Assertions.Expect(sam.GetByTestId("queue").Locator("tbody tr")).ToHaveCountAsync(4);

        // The flagged filter, by keyboard: Space ticks the box, Enter on Apply submits.
        await sam.GetByLabel("Flagged customers only").FocusAsync();
        await sam.Keyboard.PressAsync("Space");
        await sam.GetByRole(AriaRole.Button, new() { Name = "Apply" }).FocusAsync();
        await sam.Keyboard.PressAsync("Enter");
        await Assertions.Expect(sam.GetByTestId("queue").Locator("tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(sam.GetByTestId("queue")).Not.ToContainTextAsync("Olive Other");
        Assert.Contains("View.Flagged=true", sam.Url, StringComparison.Ordinal);
        await Assertions.Expect(sam.GetByLabel("Flagged customers only")).ToBeCheckedAsync();
        await BrowserFixture.ScreenshotAsync(sam, "queue-flagged");
        var queueAxe = await sam.RunAxe();
        Assert.Empty(queueAxe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}"));

        // Reassign the first one to Maya, with a reason, from the case page.
        await sam.GetByRole(AriaRole.Link, new() { Name = flagged[0] }).ClickAsync();
        await sam.GetByTestId("assign-link").ClickAsync();
        await Assertions.Expect(sam.GetByRole(AriaRole.Heading, new() { Name = "Reassign the case" })).ToBeVisibleAsync();
        await sam.GetByLabel("New owner").SelectOptionAsync(new SelectOptionValue { Label = "Maya Manager" });
        await sam.GetByLabel("Reason").FillAsync("Maya knows this guest.");
        await BrowserFixture.ScreenshotAsync(sam, "case-assign");
        var assignAxe = await sam.RunAxe();
        Assert.Empty(assignAxe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}"));
        await sam.GetByRole(AriaRole.Button, new() { Name = "Assign", Exact = true }).FocusAsync();
        await sam.Keyboard.PressAsync("Enter");
        await Assertions.Expect(sam.GetByTestId("flash")).ToHaveTextAsync("Assigned to Maya Manager.");
        await Assertions.Expect(sam.GetByTestId("case-owner")).ToHaveTextAsync("Maya Manager");
        await Assertions.Expect(sam.GetByTestId("timeline")).ToContainTextAsync("Maya knows this guest.");

        // Return the second one to the pool: without a reason first, then with one.
        await sam.GotoAsync($"/cases/{flagged[1]}/assign");
        await sam.GetByRole(AriaRole.Button, new() { Name = "Return to the unassigned pool" }).ClickAsync();
        await Assertions.Expect(sam.Locator("#reason-error")).ToHaveTextAsync("Write why the case goes back to the unassigned pool.");
        await sam.GetByLabel("Reason").FillAsync("Fran is on leave.");
        await sam.GetByRole(AriaRole.Button, new() { Name = "Return to the unassigned pool" }).ClickAsync();
        await Assertions.Expect(sam.GetByTestId("flash")).ToHaveTextAsync("Returned to the unassigned pool.");
        await Assertions.Expect(sam.GetByTestId("case-owner")).ToHaveTextAsync("unassigned");

        // Frontline takes it back from the pool.
        var fran = await Fixture.NewPageAsync();
        await SignInAsync(fran, "frontline@demo.test");
        await fran.GotoAsync("/queue?View.Owner=none");
        await Assertions.Expect(fran.GetByTestId("queue").Locator("tbody tr")).ToHaveCountAsync(1);
        await fran.GetByRole(AriaRole.Link, new() { Name = flagged[1] }).ClickAsync();
        await fran.GetByRole(AriaRole.Link, new() { Name = "Take this case" }).ClickAsync();
        await fran.GetByRole(AriaRole.Button, new() { Name = "Take this case" }).ClickAsync();
        await Assertions.Expect(fran.GetByTestId("flash")).ToHaveTextAsync("Assigned to Fran Frontline.");
        await Assertions.Expect(fran.GetByTestId("case-owner")).ToHaveTextAsync("Fran Frontline");

        await sam.Context.CloseAsync();
        await fran.Context.CloseAsync();
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
