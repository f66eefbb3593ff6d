using System.Net;
using ServiceRecovery.Web.Infrastructure.Startup;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Foundation;

/// <summary>Sign-in, the customer search and the exports are rate-limited; over a limit the answer is a friendly 429.</summary>
public sealed class RateLimitTests(WebFixture fixture) : WebTest(fixture)
{
    private AppFactory Limited(string key, int perMinute) => new(Fixture.Database.AppConnectionString, new Dictionary<string, string?>
    {
        [$"RateLimits:{key}"] = perMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(int.TryParse(response.Headers.GetValues("Retry-After").Single(), out var seconds) && seconds is > 0 and <= 60, "Retry-After");
        var page = await TestBrowser.ReadAsync(response);
        Assert.Equal("Please slow down", page.QuerySelector("[data-testid=error-page] h1")?.TextContent);
        Assert.Contains($"wait {seconds} seconds", page.QuerySelector("[data-testid=error-page] p")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eleven_sign_in_attempts_in_a_minute_from_one_address_are_one_too_many()
    {
        await using var factory = Limited("SignInPerIpPerMinute", 10);
        using var browser = new TestBrowser(factory.CreateBrowserClient());

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.SignInAsync($"guess{i}@demo.test", "Not-the-password-1!")).StatusCode);
        }

        await AssertTooManyAsync(await browser.SignInAsync("manager@demo.test", DemoData.Password));
    }

    [Fact]
    public async Task Attempts_on_one_account_are_limited_wherever_they_come_from_and_other_accounts_are_not()
    {
        await using var factory = Limited("SignInPerAccountPerMinute", 3);
        for (var i = 0; i < 3; i++)
        {
            using var somewhere = new TestBrowser(factory.CreateBrowserClient());
            Assert.Equal(HttpStatusCode.OK, (await somewhere.SignInAsync("Manager@Demo.test ", "Not-the-password-1!")).StatusCode);
        }

        using var browser = new TestBrowser(factory.CreateBrowserClient());
        await AssertTooManyAsync(await browser.SignInAsync("manager@demo.test", DemoData.Password));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("supervisor@demo.test", DemoData.Password)).StatusCode);
    }

    [Fact]
    public async Task Exports_and_searches_are_limited_per_person()
    {
        await using var exports = Limited("ExportsPerUserPerMinute", 2);
        using var maya = new TestBrowser(exports.CreateBrowserClient());
        await maya.SignInAsync("manager@demo.test", DemoData.Password);
        Assert.Equal(HttpStatusCode.OK, (await maya.GetAsync("/compensation?handler=Export")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await maya.GetAsync("/queue?handler=Export")).StatusCode);
        await AssertTooManyAsync(await maya.GetAsync("/compensation?handler=Export"));
        // Someone else is not held up, nor are Maya's ordinary pages.
        using var sam = new TestBrowser(exports.CreateBrowserClient());
        await sam.SignInAsync("supervisor@demo.test", DemoData.Password);
        Assert.Equal(HttpStatusCode.OK, (await sam.GetAsync("/queue?handler=Export")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await maya.GetAsync("/queue")).StatusCode);

        await using var searches = Limited("SearchPerUserPerMinute", 1);
        using var fran = new TestBrowser(searches.CreateBrowserClient());
        await fran.SignInAsync("frontline@demo.test", DemoData.Password);
        Assert.Equal(HttpStatusCode.OK, (await fran.GetAsync("/customers/search?q=Ol")).StatusCode);
        await AssertTooManyAsync(await fran.GetAsync("/customers/search?q=Oli"));
    }
}
