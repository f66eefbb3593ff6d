using System.Diagnostics;
using ServiceRecovery.Domain.Cases;

namespace ServiceRecovery.Seeder;

/// <summary>
/// Makes the cases chunk by chunk (<see cref="Generator.ChunkSize"/>) on the thread pool, a few chunks ahead of the
/// COPY, which takes them in order. Used from one async flow only.
/// </summary>
internal sealed class MadeInChunks(Generator generator, int cases)
{
    private readonly Task<RecoveryCase[]>?[] _chunks = new Task<RecoveryCase[]>?[(cases + Generator.ChunkSize - 1) / Generator.ChunkSize];
    private volatile bool _stopped;
    private long _busyTicks;
    private int _next;

    public int Count => _chunks.Length;

    /// <summary>How many chunks can be made at the same time: one per core.</summary>
    public int Threads { get; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>The time the threads spent making cases, added up.</summary>
    public TimeSpan BusyTime => TimeSpan.FromTicks(Interlocked.Read(ref _busyTicks));

    /// <summary>Starts the first chunks.</summary>
    public void StartAhead(int chunk) => StartUpTo(chunk + (2 * Threads));

    /// <summary>Chunk <paramref name="chunk"/> (take them 0, 1, 2, ...): its first case's index and its cases.</summary>
    public async Task<(int Start, RecoveryCase[] Cases)> TakeAsync(int chunk)
    {
        StartAhead(chunk);
        var made = await _chunks[chunk]!;
        _chunks[chunk] = null;
        return (chunk * Generator.ChunkSize, made);
    }

    /// <summary>No more chunks are started; waits for those under way (their failures were or will never be taken).</summary>
    public async Task StopAsync()
    {
        _stopped = true;
        await ((Task)Task.WhenAll(_chunks.OfType<Task<RecoveryCase[]>>())).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private void StartUpTo(int end)
    {
        while (_next < Math.Min(end, Count) && !_stopped)
        {
            var chunk = _next++;
            _chunks[chunk] = Task.Run(() => Make(chunk));
        }
    }

    private RecoveryCase[] Make(int chunk)
    {
        var started = Stopwatch.GetTimestamp();
        var start = chunk * Generator.ChunkSize;
        var made = generator.Cases(start, Math.Min(start + Generator.ChunkSize, cases));
        Interlocked.Add(ref _busyTicks, Stopwatch.GetElapsedTime(started).Ticks);
        return made;
    }
}
