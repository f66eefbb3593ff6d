using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Foundation;

public sealed class LoggingTests(WebFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task Each_request_writes_one_completion_line_with_its_request_id()
    {
        using var browser = Fixture.CreateBrowser();

        var response = await browser.GetAsync("/account/login");
        await response.Content.ReadAsStringAsync();

        // The completion line is written as the response ends, which can be a moment after the client has it.
        var lines = await Fixture.Factory.Logs.WaitForAsync("HTTP GET /account/login responded 200");
        var line = Assert.Single(lines);
        Assert.Matches("RequestId=\"[^\"]+\"", line);
    }

    [Fact]
    public async Task Values_people_type_never_reach_the_log()
    {
        using var admin = await Fixture.SignInAsync("admin@demo.test");
        const string secretName = "Zebedee Quixotic-Marmalade";

        // One refused by validation, one accepted: neither may log what was typed.
        await admin.SubmitFormAsync("/admin/users/new", new Dictionary<string, string>
        {
            ["Data.Email"] = "bad email", ["Data.DisplayName"] = secretName, ["Data.Password"] = "Sup3r-secret-value!",
        });
        await admin.SubmitFormAsync("/admin/users/new", new Dictionary<string, string>
        {
            ["Data.Email"] = "zebedee@demo.test", ["Data.DisplayName"] = secretName, ["Data.Password"] = "Sup3r-secret-value!",
        });

        Assert.True(Fixture.Factory.Logs.Contains("Create.Command rejected by validation (Email)"), Fixture.Factory.Logs.ToString());
        Assert.True(Fixture.Factory.Logs.Contains("Create.Command handled"), Fixture.Factory.Logs.ToString());
        Assert.False(Fixture.Factory.Logs.Contains(secretName));
        Assert.False(Fixture.Factory.Logs.Contains("Sup3r-secret-value!"));
    }
}
