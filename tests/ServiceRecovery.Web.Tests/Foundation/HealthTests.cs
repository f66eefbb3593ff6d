using System.Net;
using System.Text.Json;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Foundation;

public sealed class HealthTests(WebFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task Live_answers_healthy_json_anonymously()
    {
        using var browser = Fixture.CreateBrowser();

        var response = await browser.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_checks_the_database_and_the_migrations()
    {
        using var browser = Fixture.CreateBrowser();

        var response = await browser.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("Healthy", checks["database"]);
        Assert.Equal("Healthy", checks["migrations"]);
    }
}

/// <summary>The app pointed at a port where no database listens.</summary>
public sealed class UnreachableDatabaseTests : IAsyncLifetime
{
    private AppFactory _factory = null!;

    public Task InitializeAsync()
    {
        var server = new Npgsql.NpgsqlConnectionStringBuilder(TestDatabase.ServerFromEnvironment());
        var nobody = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        nobody.Start();
        var closedPort = ((IPEndPoint)nobody.LocalEndpoint).Port;
        nobody.Stop(); // nothing listens there now
        server.Port = closedPort;
        server.Database = "nowhere";
        _factory = new AppFactory(server.ConnectionString, new Dictionary<string, string?> { ["Database:MaxRetryCount"] = "1" });
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Ready_reports_unhealthy_when_the_database_is_unreachable()
    {
        using var client = _factory.CreateBrowserClient();

        var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Pages_answer_503_temporarily_unavailable_nothing_was_saved()
    {
        using var client = _factory.CreateBrowserClient();

        var response = await client.GetAsync(new Uri("/account/login", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var page = await TestBrowser.ReadAsync(response);
        Assert.Equal("Temporarily unavailable", page.QuerySelector("h1")?.TextContent);
        Assert.Contains("nothing was saved", page.QuerySelector("[data-testid=error-page]")?.TextContent, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[data-testid=request-id]")?.TextContent));
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();
}
