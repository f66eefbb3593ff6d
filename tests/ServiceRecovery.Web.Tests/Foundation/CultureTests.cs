using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Tests.Approvals;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Foundation;

/// <summary>Money typed as "12.50" is twelve and a half, whatever the server's culture or the organisation's display culture.</summary>
public sealed class CultureTests(WebFixture fixture) : WebTest(fixture)
{
    [Theory]
    [InlineData("de-DE")]
    [InlineData("vi-VN")]
    public async Task Amounts_are_read_invariant_and_shown_in_the_organisations_culture(string culture)
    {
        var reference = await ApprovalDriver.FixedCaseAsync(Fixture);
        var before = (CultureInfo.CurrentCulture, CultureInfo.DefaultThreadCurrentCulture);
        // The server's own culture, and the organisation's display culture, both use a decimal comma.
        CultureInfo.CurrentCulture = CultureInfo.DefaultThreadCurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            await using var factory = new AppFactory(Fixture.Database.AppConnectionString, new Dictionary<string, string?> { ["Organisation:Culture"] = culture });
            using var fran = new TestBrowser(factory.CreateBrowserClient());
            Assert.Equal(HttpStatusCode.Redirect, (await fran.SignInAsync("frontline@demo.test", Web.Infrastructure.Startup.DemoData.Password)).StatusCode);

            var response = await fran.SubmitFormAsync($"/cases/{reference}/atone", new Dictionary<string, string>
            {
                ["Data.Gesture"] = "Refund",
                ["Data.Amount"] = "1234.50",
                ["Data.Description"] = "A night and dinner.",
            });

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var gesture = await Fixture.QueryAsync(db => db.Cases.Where(c => c.Reference == reference).SelectMany(c => c.Atonements).SingleAsync());
            Assert.Equal(1234.50m, gesture.Amount);
            Assert.Equal(AtonementStatus.PendingApproval, gesture.Status);
            var page = await fran.GetPageAsync($"/cases/{reference}");
            Assert.Contains("Refund · 1.234,50 EUR", page.QuerySelector("[data-testid=gesture-1]")?.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.DefaultThreadCurrentCulture) = before;
        }
    }
}
