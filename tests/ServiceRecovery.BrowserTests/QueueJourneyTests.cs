using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Infrastructure.Startup;

namespace ServiceRecovery.BrowserTests;

/// <summary>A supervisor watches the queue: counts, a filter, the escalations view.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "E2E")]
public sealed class QueueJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_supervisor_filters_the_queue_in_Chromium()
    {
        foreach (var (severity, name) in new[] { (Severity.Critical, "Carla Critical"), (Severity.Minor, "Milo Minor"), (Severity.Major, "Maja Major") })
        {
            await Fixture.SendAsync(new New.Command
            {
                CustomerName = name, CustomerPhone = "+44 20 7946 0002", Channel = Channel.Web, Category = "Noise", Severity = severity,
                WhatHappened = "Music until 2am.", AssignToMe = severity != Severity.Minor, RequestId = Guid.NewGuid(),
            }, "frontline@demo.test");
        }

        var page = await Fixture.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync("supervisor@demo.test");
        await page.GetByLabel("Password").FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Queue", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("queue").Locator("tbody tr")).ToHaveCountAsync(3);
        // SLA due first: the Critical case (1 h to first response) leads.
        await Assertions.Expect(page.GetByTestId("queue").Locator("tbody tr").First).ToContainTextAsync("Carla Critical");
        await BrowserFixture.ScreenshotAsync(page, "queue");
        var axe = await page.RunAxe();
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}"));

        await page.GetByLabel("Owner").SelectOptionAsync("none");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("queue").Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("queue")).ToContainTextAsync("Milo Minor");
        Assert.Contains("View.Owner=none", page.Url, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "queue-unassigned");
        await page.Context.CloseAsync();
    }
}
