using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace ServiceRecovery.Chaos;

/// <summary>
/// What the people saw, written as it happens (so a killed run still leaves its evidence): one TSV per kind of
/// outcome for the psql checks, an event log with timestamps, the anomalies with their pages, and counters.
/// </summary>
internal sealed class Results : IAsyncDisposable
{
    private readonly string _dir;
    private readonly Lock _lock = new();
    private readonly StreamWriter _complaints;
    private readonly StreamWriter _steps;
    private readonly StreamWriter _abandoned;
    private readonly StreamWriter _unresolved;
    private readonly StreamWriter _events;
    private readonly StreamWriter _anomalies;
    private readonly ConcurrentDictionary<string, long> _counters = new(StringComparer.Ordinal);
    private int _anomalyNumber;

    public Results(string dir)
    {
        _dir = dir;
        Directory.CreateDirectory(Path.Combine(dir, "anomalies"));
        _complaints = Open("complaints.tsv");
        _steps = Open("steps.tsv");
        _abandoned = Open("abandoned.tsv");
        _unresolved = Open("unresolved.tsv");
        _events = Open("events.log");
        _anomalies = Open("anomalies.log");
    }

    public IReadOnlyDictionary<string, long> Counters => _counters;

    public void Count(string name, long by = 1) => _counters.AddOrUpdate(name, by, (_, v) => v + by);

    public long Get(string name) => _counters.TryGetValue(name, out var v) ? v : 0;

    /// <summary>marker, request id, reference, client, attempts, when the first 503 arrived (\N: none).</summary>
    public void Complaint(string marker, string requestId, string reference, int client, int attempts, DateTimeOffset? first503) =>
        Write(_complaints, marker, requestId, reference, I(client), I(attempts), At(first503));

    /// <summary>reference, step, request id, marker, client, attempts, when the first 503 arrived (\N: none).</summary>
    public void Step(string reference, string step, string requestId, string marker, int client, int attempts, DateTimeOffset? first503) =>
        Write(_steps, reference, step, requestId, marker, I(client), I(attempts), At(first503));

    /// <summary>
    /// kind, marker, request id, reference ("-" for a complaint), client, when the first 503 arrived: posts given up
    /// after a 503.
    /// </summary>
    public void Abandoned(string kind, string marker, string requestId, string reference, int client, DateTimeOffset? first503) =>
        Write(_abandoned, kind, marker, requestId, reference, I(client), At(first503));

    /// <summary>kind, marker, request id, reference, client, why: posts that ended neither acknowledged nor abandoned.</summary>
    public void Unresolved(string kind, string marker, string requestId, string reference, int client, string why) =>
        Write(_unresolved, kind, marker, requestId, reference, I(client), Clean(why));

    public void Event(int client, string text) =>
        Write(_events, DateTimeOffset.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture), "c" + I(client), Clean(text));

    /// <summary>Something the app should not have answered; the page is kept beside the log.</summary>
    public void Anomaly(int client, string what, int status, string request, string? body)
    {
        Count("anomalies");
        Count($"anomaly_{status}");
        var n = Interlocked.Increment(ref _anomalyNumber);
        var file = Path.Combine("anomalies", $"{n:D4}-{status}.html");
        if (body is not null)
        {
            File.WriteAllText(Path.Combine(_dir, file), body, Encoding.UTF8);
        }

        var line = $"{DateTimeOffset.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)} c{client} {what}: HTTP {status} on {request}"
            + (body is null ? "" : $" — {Pages.Gist(body)} (page: {file})");
        lock (_lock)
        {
            _anomalies.WriteLine(line);
        }

        Event(client, "ANOMALY " + line);
    }

    public void WriteStats(IEnumerable<KeyValuePair<string, string>> extra)
    {
        var lines = _counters.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={I(kv.Value)}")
            .Concat(extra.Select(kv => $"{kv.Key}={kv.Value}"));
        File.WriteAllLines(Path.Combine(_dir, "stats.txt"), lines);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var w in new[] { _complaints, _steps, _abandoned, _unresolved, _events, _anomalies })
        {
            await w.DisposeAsync();
        }
    }

    private StreamWriter Open(string name) =>
        new(Path.Combine(_dir, name), append: false, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };

    private void Write(StreamWriter writer, params string[] fields)
    {
        var line = string.Join('\t', fields);
        lock (_lock)
        {
            writer.WriteLine(line);
        }
    }

    /// <summary>No tabs, newlines or backslashes: the TSV files are read by psql's \copy (text format).</summary>
    private static string Clean(string text) =>
        text.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ').Replace('\\', '/');

    private static string I(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>A timestamp psql reads as timestamptz, or its NULL.</summary>
    private static string At(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff'+00'", CultureInfo.InvariantCulture) : "\\N";
}
