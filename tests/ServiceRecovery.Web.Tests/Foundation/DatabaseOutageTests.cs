using System.Net;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Foundation;

/// <summary>
/// The database goes away under a running app (a TCP proxy drops every connection) and comes back: pages
/// answer 503 meanwhile, nothing is half-saved, and the app recovers without a restart.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private TcpProxy _proxy = null!;
    private OutageFixture _fixture = null!;

    public async Task InitializeAsync()
    {
        var server = new Npgsql.NpgsqlConnectionStringBuilder(TestDatabase.ServerFromEnvironment());
        _proxy = new TcpProxy(server.Host!, server.Port);
        _fixture = new OutageFixture(_proxy.Port);
        await _fixture.InitializeAsync();
    }

    [Fact]
    public async Task With_the_session_check_due_a_page_still_answers_503_not_500()
    {
        // Every request re-checks the session against the database here; the error page must not try again.
        await using var fixture = new OutageFixture(_proxy.Port, sessionCheckSeconds: 0);
        await fixture.InitializeAsync();
        using var sam = await fixture.SignInAsync("supervisor@demo.test");

        _proxy.Cut();
        var queue = await sam.GetAsync("/queue");
        _proxy.Restore();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, queue.StatusCode);
        Assert.Contains("Temporarily unavailable", await queue.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await sam.GetAsync("/queue")).StatusCode);
    }

    [Fact]
    public async Task A_commit_whose_answer_is_lost_is_not_reported_as_nothing_saved_and_sending_again_records_it_once()
    {
        var driver = new Cases.CaseDriver(_fixture);
        var reference = await driver.LogAsync();
        using var fran = await _fixture.SignInAsync(Cases.CaseDriver.Frontline);
        var form = await fran.GetPageAsync($"/cases/{reference}/apologize");
        var fields = new Dictionary<string, string> { ["Data.Words"] = "I'm so sorry about the shower." };

        _proxy.CutAfterNextCommit();
        var lost = await fran.SubmitFormAsync(form, fields, "main form", $"/cases/{reference}/apologize");
        var page = await lost.Content.ReadAsStringAsync();
        _proxy.Restore();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, lost.StatusCode);
        Assert.True(!page.Contains("nothing was saved", StringComparison.Ordinal), string.Join("\n", _fixture.Factory.Logs.Lines.Where(l => !l.StartsWith("Information", StringComparison.Ordinal)).Select(l => l.Length > 1500 ? l[..1500] : l)));
        Assert.Contains("we cannot tell whether it was", page, StringComparison.Ordinal);
        Assert.Equal(1, (await driver.TimelineAsync(reference)).Count(t => t.Kind == "case.apologized")); // it was committed

        var again = await fran.SubmitFormAsync(form, fields, "main form", $"/cases/{reference}/apologize");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("already recorded", (await fran.GetPageAsync($"/cases/{reference}")).QuerySelector("[data-testid=flash]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, (await driver.TimelineAsync(reference)).Count(t => t.Kind == "case.apologized"));
    }

    [Fact]
    public async Task Pages_answer_503_while_the_database_is_down_and_recover_by_themselves()
    {
        using var admin = await _fixture.SignInAsync("admin@demo.test");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users")).StatusCode);
        var form = await admin.GetPageAsync("/admin/users/new");

        _proxy.Cut();

        var list = await admin.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, list.StatusCode);
        Assert.Contains("nothing was saved", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var create = await admin.SubmitFormAsync(form, new Dictionary<string, string>
        {
            ["Data.Email"] = "during-outage@demo.test",
            ["Data.DisplayName"] = "During Outage",
            ["Data.Password"] = "Outage-pass-2026!",
        }, "main form", "/admin/users/new");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, create.StatusCode);

        _proxy.Restore();

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users")).StatusCode);
        Assert.False(await _fixture.QueryAsync(db => Task.FromResult(db.Users.Any(u => u.Email == "during-outage@demo.test"))));
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _fixture.DisposeAsync();
    }

    private sealed class OutageFixture(int proxyPort, int sessionCheckSeconds = 3600) : WebFixture, IAsyncDisposable
    {
        protected override string DatabasePrefix => "sr_outage";

        async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

        protected override AppFactory CreateFactory(string connectionString)
        {
            var viaProxy = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = proxyPort };
            return new AppFactory(viaProxy.ConnectionString, new Dictionary<string, string?>
            {
                ["Database:MaxRetryCount"] = "1",
                ["Database:MaxRetryDelaySeconds"] = "0.2",
                // The session check also hits the database: out of the way, unless a test wants it on every request.
                ["Auth:SessionRevalidationSeconds"] = sessionCheckSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        }
    }
}
