using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace ServiceRecovery.Load;

/// <summary>
/// Open-loop load at a fixed rate (benchmarks/write-path.sh): request i is due at start + i / rate, whatever happened to
/// the requests before it, and its latency is measured from that due time, not from when it was actually sent — a
/// server (or client) that falls behind shows as latency instead of silently lowering the rate (no coordinated
/// omission). The kinds of request are interleaved in the proportions of --mix:
///   queue      GET /queue
///   case       GET --case-page
///   create     POST --create-path with --form-body, a new Data.RequestId (and customer name) every time
///   apologize  POST /cases/{reference}/apologize for the next line of --cases ("reference version seen-sequence"),
///              each case once
/// Prints one "result" line per kind and one for all: requests, achieved rate, p50/p90/p99/max ms, statuses.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var o = Options.Parse(args);
        if (o is null)
        {
            await Console.Error.WriteLineAsync(Options.Usage);
            return 2;
        }

        using var http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false, // the signed-in session's cookies go in as they are (--cookie)
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        })
        { BaseAddress = new Uri(o.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("Cookie", o.Cookie);

        var cases = new ConcurrentQueue<string>(o.CasesFile is null ? [] : File.ReadAllLines(o.CasesFile).Where(l => l.Length > 0));
        var run = Convert.ToHexString(BitConverter.GetBytes(Random.Shared.Next())).ToLowerInvariant();
        var slots = Slots(o.Mix);
        var total = (long)(o.Rate * o.Seconds);
        var results = new ConcurrentBag<(string Kind, double Ms, int Status)>();
        var inFlight = new List<Task>((int)Math.Min(total, 1_000_000));
        var clock = Stopwatch.StartNew();
        for (long i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / o.Rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var kind = slots[(int)(i % slots.Length)];
            var request = Build(kind, o, run, i, cases);
            inFlight.Add(Send(http, request, kind, due, clock, results));
        }

        await Task.WhenAll(inFlight);
        var seconds = clock.Elapsed.TotalSeconds;
        foreach (var group in results.GroupBy(r => r.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Report(group.Key, [.. group], o.Seconds);
        }

        Report("all", [.. results], o.Seconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"finished after {seconds:0.0}s (the last request was due at {o.Seconds:0.0}s); cases left {cases.Count}"));
        return 0;
    }

    /// <summary>100 slots in the proportions of the mix, interleaved (not all queue reads first).</summary>
    private static string[] Slots(IReadOnlyList<(string Kind, int Weight)> mix)
    {
        var sum = mix.Sum(m => m.Weight);
        var slots = new List<(double Position, string Kind)>();
        foreach (var (kind, weight) in mix)
        {
            var n = (int)Math.Round(100.0 * weight / sum);
            for (var k = 0; k < n; k++)
            {
                slots.Add(((k + 0.5) / n, kind)); // spread each kind evenly over the cycle
            }
        }

        return [.. slots.OrderBy(s => s.Position).Select(s => s.Kind)];
    }

    private static HttpRequestMessage Build(string kind, Options o, string run, long i, ConcurrentQueue<string> cases)
    {
        var id = $"{run}-{i >> 48 & 0xffff:x4}-4000-8000-{i & 0xffffffffffff:x12}";
        switch (kind)
        {
            case "queue":
                return new HttpRequestMessage(HttpMethod.Get, "/queue");
            case "case":
                return new HttpRequestMessage(HttpMethod.Get, o.CasePage);
            case "create":
                return Post(o.CreatePath, $"{o.FormBody}&Data.CustomerName=Load+Guest+{run}-{i}&Data.RequestId={id}");
            case "apologize":
                // Out of cases: the last one again (refused: the step was taken), which shows in the statuses.
                if (!cases.TryDequeue(out var line))
                {
                    line = o.LastCase ??= File.ReadLines(o.CasesFile!).Last(l => l.Length > 0);
                }

                var f = line.Split(' ');
                return Post($"/cases/{f[0]}/apologize", $"{o.StepBody}&Data.Version={f[1]}&Data.SeenSequence={f[2]}&Data.RequestId={id}");
            default:
                throw new ArgumentException($"unknown kind {kind}");
        }
    }

    private static HttpRequestMessage Post(string path, string body) =>
        new(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };

    private static async Task Send(HttpClient http, HttpRequestMessage request, string kind, TimeSpan due, Stopwatch clock, ConcurrentBag<(string, double, int)> results)
    {
        await Task.Yield(); // the scheduling loop goes on at once
        int status;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            status = (int)response.StatusCode;
        }
#pragma warning disable CA1031 // a failed request is a result (status 0), not the end of the run
        catch (Exception)
#pragma warning restore CA1031
        {
            status = 0;
        }
        finally
        {
            request.Dispose();
        }

        results.Add((kind, (clock.Elapsed - due).TotalMilliseconds, status));
    }

    private static void Report(string kind, List<(string Kind, double Ms, int Status)> results, double seconds)
    {
        var ms = results.Select(r => r.Ms).Order().ToArray();
        double At(double q) => ms.Length == 0 ? 0 : ms[Math.Min(ms.Length - 1, (int)(q * ms.Length))];
        var statuses = string.Join(",", results.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}:{g.Count()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"result kind={kind} requests={ms.Length} rate={ms.Length / seconds:0.0} p50={At(0.50):0.00} p90={At(0.90):0.00} p99={At(0.99):0.00} max={(ms.Length == 0 ? 0 : ms[^1]):0.00} statuses={statuses}"));
    }
}

internal sealed class Options
{
    public const string Usage = """
        usage: ServiceRecovery.Load --base-url URL --cookie "a=b; c=d" --rate N --seconds S --mix queue=40,case=40,create=10,apologize=10
                 [--case-page /cases/REF] [--create-path /cases/new] [--form-body URLENCODED] [--step-body URLENCODED] [--cases FILE]
        """;

    public string BaseUrl { get; private set; } = "";

    public string Cookie { get; private set; } = "";

    public double Rate { get; private set; }

    public double Seconds { get; private set; }

    public List<(string Kind, int Weight)> Mix { get; } = [];

    public string CasePage { get; private set; } = "";

    public string CreatePath { get; private set; } = "/cases/new";

    public string FormBody { get; private set; } = "";

    public string StepBody { get; private set; } = "";

    public string? CasesFile { get; private set; }

    public string? LastCase { get; set; }

    public static Options? Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var v = args[i + 1];
            switch (args[i])
            {
                case "--base-url": o.BaseUrl = v; break;
                case "--cookie": o.Cookie = v; break;
                case "--rate": o.Rate = double.Parse(v, CultureInfo.InvariantCulture); break;
                case "--seconds": o.Seconds = double.Parse(v, CultureInfo.InvariantCulture); break;
                case "--case-page": o.CasePage = v; break;
                case "--create-path": o.CreatePath = v; break;
                case "--form-body": o.FormBody = v; break;
                case "--step-body": o.StepBody = v; break;
                case "--cases": o.CasesFile = v; break;
                case "--mix":
                    foreach (var part in v.Split(','))
                    {
                        var kv = part.Split('=');
                        o.Mix.Add((kv[0], int.Parse(kv[1], CultureInfo.InvariantCulture)));
                    }

                    break;
                default: return null;
            }
        }

        return o.BaseUrl.Length > 0 && o.Rate > 0 && o.Seconds > 0 && o.Mix.Count > 0 ? o : null;
    }
}
