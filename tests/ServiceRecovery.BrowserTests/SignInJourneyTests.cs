using Microsoft.Playwright;
using ServiceRecovery.Web.Infrastructure.Startup;

namespace ServiceRecovery.BrowserTests;

[Collection(BrowserCollection.Name)]
[Trait("Category", "E2E")]
public sealed class SignInJourneyTests(BrowserFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("frontline@demo.test", "Fran Frontline", "frontline")]
    [InlineData("supervisor@demo.test", "Sam Supervisor", "supervisor")]
    [InlineData("manager@demo.test", "Maya Manager", "manager")]
    [InlineData("admin@demo.test", "Ada Admin", "admin")]
    public async Task Each_demo_user_signs_in_in_Chromium_and_lands_on_their_home_page(string email, string name, string role)
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        if (role == "frontline")
        {
            await BrowserFixture.ScreenshotAsync(page, "login");
        }

        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(DemoData.Password);
        await page.GetByLabel("Password").PressAsync("Enter");

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        Assert.Equal($"Welcome, {name}", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(name, await page.GetByTestId("current-user").InnerTextAsync());
        Assert.True(await page.GetByTestId($"home-{role}").IsVisibleAsync());
        await BrowserFixture.ScreenshotAsync(page, $"home-{role}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_shows_the_message_and_keeps_the_email()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account/login");

        await page.GetByLabel("Email").FillAsync("frontline@demo.test");
        await page.GetByLabel("Password").FillAsync("nope-nope-nope");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The email or password is not right.");
        Assert.Equal("frontline@demo.test", await page.GetByLabel("Email").InputValueAsync());
        await page.Context.CloseAsync();
    }
}
