using System.Globalization;

namespace ServiceRecovery.Chaos;

/// <summary>The client's command line (benchmarks/chaos.sh passes every option).</summary>
internal sealed record ChaosOptions
{
    public const string Usage = """
        ServiceRecovery.Chaos — people logging complaints and recording steps through the real pages.
          --base-url URL        the app (default http://127.0.0.1:5190)
          --out DIR             where results go (complaints.tsv, steps.tsv, abandoned.tsv, unresolved.tsv, stats.txt,
                                events.log, anomalies.log, anomalies/) — required
          --run-id ID           marker prefix for this run (default: yyyyMMddHHmmss)
          --stop-file PATH      finish the current post and exit once this file exists — required
          --clients N           people working at the same time (default 4)
          --users A,B,...       demo users, taken in turn (default frontline, supervisor, manager @demo.test)
          --password P          their password (default Demo-pass-2026!)
          --abandon-every N     give up (do not retry) every Nth 503 a person gets on a post: the 1st, N+1st, 2N+1st...
                                (default 3; 1 = all; 0 = never)
          --retry-delay-ms N    pause before pressing the button again (default 500, ±50 %)
          --think-ms N          pause between two forms (default 100)
          --max-attempts N      posts of one form before giving up (default 40)
          --drain-seconds N     after the stop file: how long the last posts may still retry (default 90)
          --max-seconds N       hard deadline for the whole run (default 900)
        """;

    public Uri BaseUrl { get; init; } = new("http://127.0.0.1:5190");

    public string OutDir { get; init; } = "";

    public string RunId { get; init; } = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    public string StopFile { get; init; } = "";

    public int Clients { get; init; } = 4;

    public IReadOnlyList<string> Users { get; init; } = ["frontline@demo.test", "supervisor@demo.test", "manager@demo.test"];

    public string Password { get; init; } = "Demo-pass-2026!";

    public int AbandonEvery { get; init; } = 3;

    public int RetryDelayMs { get; init; } = 500;

    public int ThinkMs { get; init; } = 100;

    public int MaxAttempts { get; init; } = 40;

    public int DrainSeconds { get; init; } = 90;

    public int MaxSeconds { get; init; } = 900;

    public static ChaosOptions Parse(string[] args)
    {
        var o = new ChaosOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                throw new ArgumentException("");
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{name} needs a value.");
            }

            var value = args[++i];
            o = name switch
            {
                "--base-url" => o with { BaseUrl = new Uri(value.TrimEnd('/') + "/") },
                "--out" => o with { OutDir = value },
                "--run-id" => o with { RunId = value },
                "--stop-file" => o with { StopFile = value },
                "--clients" => o with { Clients = Int(name, value, 1) },
                "--users" => o with { Users = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--password" => o with { Password = value },
                "--abandon-every" => o with { AbandonEvery = Int(name, value, 0) },
                "--retry-delay-ms" => o with { RetryDelayMs = Int(name, value, 0) },
                "--think-ms" => o with { ThinkMs = Int(name, value, 0) },
                "--max-attempts" => o with { MaxAttempts = Int(name, value, 1) },
                "--drain-seconds" => o with { DrainSeconds = Int(name, value, 1) },
                "--max-seconds" => o with { MaxSeconds = Int(name, value, 1) },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }

        if (o.OutDir.Length == 0 || o.StopFile.Length == 0)
        {
            throw new ArgumentException("--out and --stop-file are required.");
        }

        if (o.Users.Count == 0)
        {
            throw new ArgumentException("--users needs at least one user.");
        }

        return o;
    }

    private static int Int(string name, string value, int min) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min
            ? n
            : throw new ArgumentException($"{name} must be a whole number ≥ {min}, not \"{value}\".");
}
