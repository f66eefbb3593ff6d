using System.Diagnostics;
using System.Globalization;

namespace ServiceRecovery.Seeder;

/// <summary>A console progress bar for one phase; plain lines every 25 % when the output is not a terminal.</summary>
internal sealed class Progress
{
    private const int Width = 30;
    private readonly string _label;
    private readonly long _total;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly bool _interactive = !Console.IsOutputRedirected;
    private long _lastDrawnTicks = long.MinValue;
    private int _lastQuarter = -1;

    public Progress(string label, long total)
    {
        _label = label;
        _total = Math.Max(total, 1);
        Report(0);
    }

    public void Report(long done)
    {
        var fraction = Math.Clamp((double)done / _total, 0, 1);
        if (_interactive)
        {
            var ticks = _clock.ElapsedTicks;
            if (done < _total && ticks - _lastDrawnTicks < Stopwatch.Frequency / 10)
            {
                return;
            }

            _lastDrawnTicks = ticks;
            var filled = (int)(fraction * Width);
            Console.Write(string.Create(CultureInfo.InvariantCulture,
                $"\r  {_label,-22} [{new string('#', filled)}{new string('.', Width - filled)}] {fraction,4:P0} {done,12:N0} rows {_clock.Elapsed.TotalSeconds,6:0.0} s"));
            return;
        }

        var quarter = (int)(fraction * 4);
        if (quarter > _lastQuarter && quarter < 4)
        {
            _lastQuarter = quarter;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {_label,-22} {fraction,4:P0} {done,12:N0} rows {_clock.Elapsed.TotalSeconds,6:0.0} s"));
        }
    }

    public TimeSpan Done(long rows)
    {
        _lastDrawnTicks = long.MinValue;
        if (_interactive)
        {
            Report(_total);
            Console.WriteLine();
        }
        else
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {_label,-22} done {rows,12:N0} rows {_clock.Elapsed.TotalSeconds,6:0.0} s"));
        }

        return _clock.Elapsed;
    }
}
