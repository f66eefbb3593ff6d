using System.Diagnostics;
using System.Globalization;

namespace ServiceRecovery.Chaos;

/// <summary>When to stop: the stop file (written by benchmarks/chaos.sh after the restarts) and a hard deadline.</summary>
internal sealed class StopSignal(string stopFile, CancellationToken hardDeadline, TimeSpan drain)
{
    private long _seenAt;

    public CancellationToken HardDeadline => hardDeadline;

    /// <summary>No new form once true; the post in flight is still finished (retried) within the drain time.</summary>
    public bool IsRequested
    {
        get
        {
            if (Interlocked.Read(ref _seenAt) != 0)
            {
                return true;
            }

            if (!File.Exists(stopFile) && !hardDeadline.IsCancellationRequested)
            {
                return false;
            }

            Interlocked.CompareExchange(ref _seenAt, Stopwatch.GetTimestamp(), 0);
            return true;
        }
    }

    public bool DrainExpired => IsRequested && Stopwatch.GetElapsedTime(Interlocked.Read(ref _seenAt)) > drain;
}

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        ChaosOptions options;
        try
        {
            options = ChaosOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            if (ex.Message.Length > 0)
            {
                await Console.Error.WriteLineAsync(ex.Message);
            }

            await Console.Error.WriteLineAsync(ChaosOptions.Usage);
            return 2;
        }

        Directory.CreateDirectory(options.OutDir);
        await using var results = new Results(options.OutDir);
        using var hard = new CancellationTokenSource(TimeSpan.FromSeconds(options.MaxSeconds));
        var stop = new StopSignal(options.StopFile, hard.Token, TimeSpan.FromSeconds(options.DrainSeconds));
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"chaos client: {options.Clients} people on {options.BaseUrl} (run {options.RunId}); results in {options.OutDir}");

        var people = Enumerable.Range(1, options.Clients)
            .Select(i => new Person(i, options.Users[(i - 1) % options.Users.Count], options, results, stop)).ToList();
        try
        {
            // Started a little apart, as people arrive.
            var running = new List<Task>();
            foreach (var person in people)
            {
                running.Add(Task.Run(person.RunAsync));
                await Task.Delay(150);
            }

            using var progress = new PeriodicTimer(TimeSpan.FromSeconds(10));
            var all = Task.WhenAll(running);
            while (!all.IsCompleted)
            {
                await Task.WhenAny(all, progress.WaitForNextTickAsync().AsTask());
                if (!all.IsCompleted)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {clock.Elapsed.TotalSeconds,5:0}s complaints {results.Get("complaints_acknowledged")}, steps {results.Get("steps_acknowledged")}, "
                        + $"503s {results.Get("post_503")} (GET {results.Get("get_503")}), retries {results.Get("retries")}, abandoned {results.Get("abandoned")}, "
                        + $"anomalies {results.Get("anomalies")}"));
                }
            }

            await all;
        }
        finally
        {
            foreach (var person in people)
            {
                person.Dispose();
            }
        }

        results.WriteStats([
            new("run_id", options.RunId),
            new("clients", options.Clients.ToString(CultureInfo.InvariantCulture)),
            new("client_seconds", clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)),
        ]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"chaos client done in {clock.Elapsed.TotalSeconds:0.0}s: complaints {results.Get("complaints_acknowledged")}, steps {results.Get("steps_acknowledged")}, "
            + $"503s {results.Get("post_503")}, retries {results.Get("retries")}, abandoned {results.Get("abandoned")}, anomalies {results.Get("anomalies")}"));
        return 0;
    }
}
