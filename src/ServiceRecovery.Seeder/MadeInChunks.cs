using System.Diagnostics;

namespace ServiceRecovery.Seeder;

/// <summary>
/// Makes the cases chunk by chunk (<see cref="Generator.ChunkSize"/>) on the thread pool, a few chunks ahead of the
/// COPY, which takes them in order: each chunk's cases are made by the domain, written as COPY rows of every table
/// (<see cref="CaseTables.All"/>, in that order) and let go. Used from one async flow only.
/// </summary>
internal sealed class MadeInChunks(Generator generator, int cases)
{
    private readonly Task<CopyRows[]>?[] _chunks = new Task<CopyRows[]>?[(cases + Generator.ChunkSize - 1) / Generator.ChunkSize];
    private volatile bool _stopped;
    private long _busyTicks;
    private int _next;
    private readonly int[] _largest = new int[CaseTables.All.Length];

    public int Count => _chunks.Length;

    /// <summary>How many chunks can be made at the same time: one per core.</summary>
    public int Threads { get; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>The time the threads spent making cases, added up.</summary>
    public TimeSpan BusyTime => TimeSpan.FromTicks(Interlocked.Read(ref _busyTicks));

    /// <summary>Starts the first chunks.</summary>
    public void StartAhead(int chunk) => StartUpTo(chunk + (2 * Threads));

    /// <summary>The rows of chunk <paramref name="chunk"/> (take them 0, 1, 2, ...), one <see cref="CopyRows"/> per table.</summary>
    public async Task<CopyRows[]> TakeAsync(int chunk)
    {
        StartAhead(chunk);
        var made = await _chunks[chunk]!;
        _chunks[chunk] = null;
        return made;
    }

    /// <summary>No more chunks are started; waits for those under way (their failures were or will never be taken).</summary>
    public async Task StopAsync()
    {
        _stopped = true;
        await ((Task)Task.WhenAll(_chunks.OfType<Task<CopyRows[]>>())).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private void StartUpTo(int end)
    {
        while (_next < Math.Min(end, Count) && !_stopped)
        {
            var chunk = _next++;
            _chunks[chunk] = Task.Run(() => Make(chunk));
        }
    }

    private CopyRows[] Make(int chunk)
    {
        var started = Stopwatch.GetTimestamp();
        var start = chunk * Generator.ChunkSize;
        var made = generator.Cases(start, Math.Min(start + Generator.ChunkSize, cases));
        var rows = new CopyRows[CaseTables.All.Length];
        for (var t = 0; t < rows.Length; t++)
        {
            // Sized like the biggest chunk of this table so far (plus a little): the buffer seldom grows by copying.
            rows[t] = new CopyRows(Math.Max(4096, (int)(Volatile.Read(ref _largest[t]) * 1.1)));
            foreach (var c in made)
            {
                CaseTables.All[t].AddRows(rows[t], c);
            }

            var size = rows[t].Written.Length;
            for (var seen = Volatile.Read(ref _largest[t]); size > seen; seen = Volatile.Read(ref _largest[t]))
            {
                Interlocked.CompareExchange(ref _largest[t], size, seen);
            }
        }

        Interlocked.Add(ref _busyTicks, Stopwatch.GetElapsedTime(started).Ticks);
        return rows;
    }
}
