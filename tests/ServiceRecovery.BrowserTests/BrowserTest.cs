namespace ServiceRecovery.BrowserTests;

/// <summary>A journey test: every test starts from the demo data alone (the database is reset before it).</summary>
public abstract class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    protected BrowserFixture Fixture { get; } = fixture;

    public Task InitializeAsync() => Fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
