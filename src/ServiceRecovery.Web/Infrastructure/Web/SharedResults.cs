using Microsoft.Extensions.Caching.Memory;

namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>
/// Results that are costly to compute and fine to be a few seconds old — the queue's counts over every open case,
/// its pick lists — shared by all requests. One request at a time computes a value (the others wait for that one
/// instead of each running the same query: no stampede when it expires), and once a value exists it is refreshed in
/// the background while the previous one is served, so no request pays for the refresh. A value older than
/// <c>staleFor</c> is never served: then requests wait for the fresh one.
/// </summary>
/// <remarks>
/// The loader runs in its own DI scope (its own <c>DbContext</c>) without the request's cancellation: a request that
/// goes away does not cancel a value other requests are waiting for. Its failures reach the requests waiting for it
/// (a stopped database still gives them the 503 page); a failed background refresh is logged and retried by the
/// next request.
/// </remarks>
public sealed class SharedResults(IMemoryCache cache, IServiceScopeFactory scopes, TimeProvider clock, ILogger<SharedResults> logger)
{
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(60);

    public Task<T> GetAsync<T>(string key, TimeSpan freshFor, TimeSpan staleFor, Func<IServiceProvider, CancellationToken, Task<T>> load,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        var slot = cache.GetOrCreate(key, entry =>
        {
            entry.SlidingExpiration = staleFor + staleFor;
            return new Slot<T>();
        })!;
        Task<T> pending;
        lock (slot)
        {
            var age = slot.LoadedAt is { } at ? clock.GetUtcNow() - at : TimeSpan.MaxValue;
            if (age < freshFor)
            {
                return Task.FromResult(slot.Value!);
            }

            if (slot.Loading is null)
            {
                // Not the request's execution context: the value outlives the request (its HttpContext, log scope).
                using (ExecutionContext.SuppressFlow())
                {
                    slot.Loading = Task.Run(() => LoadAsync(slot, key, load));
                }
            }

            if (age < staleFor)
            {
                return Task.FromResult(slot.Value!); // the refresh runs meanwhile
            }

            pending = slot.Loading;
        }

        return pending.WaitAsync(cancellationToken);
    }

    /// <summary>The next request computes the value afresh (e.g. after a change people expect to see at once).</summary>
    public void Forget(string key) => cache.Remove(key);

    private async Task<T> LoadAsync<T>(Slot<T> slot, string key, Func<IServiceProvider, CancellationToken, Task<T>> load)
    {
        try
        {
            using var timeout = new CancellationTokenSource(LoadTimeout);
            await using var scope = scopes.CreateAsyncScope();
            var value = await load(scope.ServiceProvider, timeout.Token);
            lock (slot)
            {
                slot.Value = value;
                slot.LoadedAt = clock.GetUtcNow();
                slot.Loading = null;
            }

            return value;
        }
        catch (Exception ex)
        {
            lock (slot)
            {
                slot.Loading = null;
            }

            if (slot.LoadedAt is not null)
            {
                // Only the key's kind: the rest can hold the view's search text.
                logger.LogWarning(ex, "Refreshing the shared result {Kind} failed; the previous value is still served", key.Split(':')[0]);
            }

            throw;
        }
    }

    private sealed class Slot<T>
    {
        public T? Value { get; set; }

        public DateTimeOffset? LoadedAt { get; set; }

        public Task<T>? Loading { get; set; }
    }
}
