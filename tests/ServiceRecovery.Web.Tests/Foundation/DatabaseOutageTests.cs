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

    private sealed class OutageFixture(int proxyPort) : WebFixture
    {
        protected override string DatabasePrefix => "sr_outage";

        protected override AppFactory CreateFactory(string connectionString)
        {
            var viaProxy = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = proxyPort };
            return new AppFactory(viaProxy.ConnectionString, new Dictionary<string, string?>
            {
                ["Database:MaxRetryCount"] = "1",
                ["Database:MaxRetryDelaySeconds"] = "0.2",
                // The session check would also hit the database: keep it out of this test's way.
                ["Auth:SessionRevalidationSeconds"] = "3600",
            });
        }
    }
}
