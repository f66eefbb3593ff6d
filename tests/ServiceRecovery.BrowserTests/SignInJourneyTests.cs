using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ServiceRecovery.Web.Infrastructure.Startup;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.BrowserTests;

[Collection(BrowserCollection.Name)]
[Trait("Category", "E2E")]
public sealed class SignInJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Theory]
    [InlineData("frontline@demo.test", "Fran Frontline", "frontline")]
    [InlineData("supervisor@demo.test", "Sam Supervisor", "supervisor")]
    [InlineData("manager@demo.test", "Maya Manager", "manager")]
    [InlineData("admin@demo.test", "Ada Admin", "admin")]
    public async Task Each_demo_user_signs_in_in_Chromium_and_lands_on_their_home_page(string email, string name, string role)
    {
        var page = await Fixture.NewPageAsync();

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
        var page = await Fixture.NewPageAsync();
        await page.GotoAsync("/account/login");

        await page.GetByLabel("Email").FillAsync("frontline@demo.test");
        await page.GetByLabel("Password").FillAsync("nope-nope-nope");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The email or password is not right.");
        Assert.Equal("frontline@demo.test", await page.GetByLabel("Email").InputValueAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_supervisor_enrols_an_authenticator_from_the_shown_key_and_signs_in_with_its_code()
    {
        var page = await Fixture.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync("supervisor@demo.test");
        await page.GetByLabel("Password").FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");

        // From the name in the header: the password page, then two-step sign-in.
        await page.GetByTestId("current-user").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Two-step sign-in (authenticator app)" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up two-step sign-in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("qr")).ToBeVisibleAsync();
        // The QR code is an image of this site's own: it loads (waits until it has).
        await page.WaitForFunctionAsync("() => { const img = document.querySelector('[data-testid=qr]'); return img && img.complete && img.naturalWidth > 0; }");
        var key = await page.GetByTestId("shared-key").InnerTextAsync();
        await BrowserFixture.ScreenshotAsync(page, "two-factor-setup");
        var axe = await page.RunAxe();
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}"));

        // What the phone's app would show, computed from the key on the page.
        await page.GetByLabel("Code from the app").FillAsync(Totp.Code(key));
        await page.GetByLabel("Code from the app").PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await Assertions.Expect(page.GetByTestId("two-factor-on")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "two-factor-recovery-codes");

        // Sign out and in again: the password, then the code.
        await page.GetByTestId("sign-out").GetByRole(AriaRole.Button).ClickAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync("supervisor@demo.test");
        await page.GetByLabel("Password").FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/login-2fa");
        await BrowserFixture.ScreenshotAsync(page, "login-code");
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(Totp.Code(key));
        await page.GetByLabel("Code", new() { Exact = true }).PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        Assert.Equal("Sam Supervisor", await page.GetByTestId("current-user").InnerTextAsync());
        await page.Context.CloseAsync();
    }
}
