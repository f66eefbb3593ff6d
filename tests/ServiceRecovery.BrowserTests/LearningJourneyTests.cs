using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Startup;

namespace ServiceRecovery.BrowserTests;

/// <summary>
/// The pages of learning from every case and of the outbox, as their users open them from the menu over the demo data:
/// the process owner's inbox with its improvement actions, the root-cause taxonomy and the Messages page. Screenshots,
/// and 0 axe violations on each.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "E2E")]
public sealed class LearningJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private async Task SeedDemoAsync()
    {
        await using var scope = Fixture.Services.CreateAsyncScope();
        await DemoCases.SeedAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider.GetRequiredService<TimeProvider>());
    }

    private async Task<IPage> SignInAsync(string email)
    {
        var page = await Fixture.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        return page;
    }

    private static async Task AssertNoAxeViolationsAsync(IPage page)
    {
        var axe = await page.RunAxe();
        Assert.Empty(axe.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))})"));
    }

    [Fact]
    public async Task The_process_owner_opens_their_inbox_from_the_menu_and_sees_their_causes_and_actions()
    {
        await SeedDemoAsync();
        var omar = await SignInAsync("owner@demo.test");

        // No case menu for a process owner with no other role; their inbox instead.
        await Assertions.Expect(omar.GetByRole(AriaRole.Link, new() { Name = "Queue" })).ToHaveCountAsync(0);
        await omar.GetByRole(AriaRole.Link, new() { Name = "Improvement", Exact = true }).ClickAsync();

        await Assertions.Expect(omar.GetByTestId("cause")).ToHaveCountAsync(3);
        await Assertions.Expect(omar.Locator("main")).ToContainTextAsync("Hand-off");
        await Assertions.Expect(omar.GetByTestId("action").First).ToBeVisibleAsync();
        await Assertions.Expect(omar.Locator("main")).Not.ToContainTextAsync("Maintenance");
        await BrowserFixture.ScreenshotAsync(omar, "improvement-inbox");
        await AssertNoAxeViolationsAsync(omar);
        await omar.Context.CloseAsync();
    }

    [Fact]
    public async Task The_administrator_reads_the_taxonomy_and_the_messages_from_the_admin_menu()
    {
        await SeedDemoAsync();
        var ada = await SignInAsync("admin@demo.test");

        await ada.GetByRole(AriaRole.Button, new() { Name = "Admin" }).Or(ada.GetByRole(AriaRole.Link, new() { Name = "Admin" })).First.ClickAsync();
        await ada.GetByRole(AriaRole.Link, new() { Name = "Root causes", Exact = true }).ClickAsync();
        await Assertions.Expect(ada.Locator("main input[value='Food & beverage']")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(ada, "admin-root-causes");
        await AssertNoAxeViolationsAsync(ada);

        await ada.GotoAsync("/admin/messages");
        await Assertions.Expect(ada.GetByTestId("status-filter")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(ada, "admin-messages");
        await AssertNoAxeViolationsAsync(ada);
        await ada.Context.CloseAsync();
    }
}
