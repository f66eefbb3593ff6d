using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace ServiceRecovery.Web.Tests.Infrastructure;

/// <summary>Every log event the app writes, rendered as text (message, properties, exception), for assertions.</summary>
public sealed class CapturingSink : ILogEventSink
{
    private static readonly MessageTemplateTextFormatter Message = new("{Message:lj}");
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public void Emit(LogEvent logEvent)
    {
        var props = string.Join(" ", logEvent.Properties.Select(p => $"{p.Key}={p.Value}"));
        using var text = new StringWriter();
        Message.Format(logEvent, text);
        _lines.Enqueue($"{logEvent.Level} {text} {props} {logEvent.Exception}");
    }

    public bool Contains(string text) => _lines.Any(l => l.Contains(text, StringComparison.OrdinalIgnoreCase));

    public void Clear() => _lines.Clear();

    /// <summary>The lines containing <paramref name="text"/>, waiting up to two seconds for the first one.</summary>
    public async Task<IReadOnlyList<string>> WaitForAsync(string text)
    {
        for (var i = 0; i < 40 && !Contains(text); i++)
        {
            await Task.Delay(50);
        }

        return _lines.Where(l => l.Contains(text, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    public override string ToString() => string.Join(Environment.NewLine, _lines);
}
