using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Tests.Foundation;

/// <summary>The queue's shared counts: computed once for everybody, refreshed in the background, never too old.</summary>
public sealed class SharedResultsTests : IDisposable
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Stale = TimeSpan.FromSeconds(60);

    private readonly ManualClock _clock = new();
    private readonly ServiceProvider _services;
    private readonly SharedResults _shared;

    public SharedResultsTests()
    {
        _services = new ServiceCollection().AddMemoryCache().AddSingleton<TimeProvider>(_clock).AddLogging()
            .AddSingleton<SharedResults>().BuildServiceProvider();
        _shared = _services.GetRequiredService<SharedResults>();
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Many_requests_at_once_run_the_costly_query_once_and_all_get_its_result()
    {
        var loads = 0;
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = Enumerable.Range(0, 20).Select(_ => _shared.GetAsync("k", Fresh, Stale, async (_, _) =>
        {
            Interlocked.Increment(ref loads);
            return await release.Task;
        }, CancellationToken.None)).ToList();

        release.SetResult(42);
        var results = await Task.WhenAll(waiting);

        Assert.Equal(1, loads);
        Assert.All(results, r => Assert.Equal(42, r));
    }

    [Fact]
    public async Task A_fresh_value_is_reused_and_an_older_one_is_served_while_one_refresh_runs_in_the_background()
    {
        Assert.Equal(1, await _shared.GetAsync("k", Fresh, Stale, (_, _) => Task.FromResult(1), CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, await _shared.GetAsync("k", Fresh, Stale, (_, _) => Task.FromResult(2), CancellationToken.None));

        _clock.Advance(TimeSpan.FromSeconds(10)); // 15 s old: stale but usable
        var refreshes = 0;
        var refreshed = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int> Refresh(IServiceProvider _, CancellationToken __)
        {
            Interlocked.Increment(ref refreshes);
            return refreshed.Task;
        }

        var first = await _shared.GetAsync("k", Fresh, Stale, Refresh, CancellationToken.None);
        var second = await _shared.GetAsync("k", Fresh, Stale, Refresh, CancellationToken.None);
        Assert.Equal((1, 1), (first, second)); // nobody waits for the refresh
        refreshed.SetResult(3);
        await WaitUntilAsync(async () => await _shared.GetAsync("k", Fresh, Stale, Refresh, CancellationToken.None) == 3);
        Assert.Equal(1, refreshes);
    }

    [Fact]
    public async Task A_value_older_than_the_stale_limit_is_never_served()
    {
        await _shared.GetAsync("k", Fresh, Stale, (_, _) => Task.FromResult(1), CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(2, await _shared.GetAsync("k", Fresh, Stale, (_, _) => Task.FromResult(2), CancellationToken.None));
    }

    [Fact]
    public async Task A_failed_load_reaches_the_requests_waiting_for_it_and_the_next_request_tries_again()
    {
        var failure = _shared.GetAsync<int>("k", Fresh, Stale, (_, _) => throw new TimeoutException("database down"), CancellationToken.None);

        await Assert.ThrowsAsync<TimeoutException>(() => failure);
        Assert.Equal(7, await _shared.GetAsync("k", Fresh, Stale, (_, _) => Task.FromResult(7), CancellationToken.None));
    }

    [Fact]
    public async Task A_request_that_goes_away_stops_waiting_without_cancelling_the_value_others_wait_for()
    {
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var gone = new CancellationTokenSource();
        var impatient = _shared.GetAsync("k", Fresh, Stale, (_, _) => release.Task, gone.Token);
        var patient = _shared.GetAsync("k", Fresh, Stale, (_, _) => Task.FromResult(-1), CancellationToken.None);

        await gone.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        release.SetResult(5);
        Assert.Equal(5, await patient);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(10);
        }

        Assert.Fail("The background refresh did not finish.");
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
