using System.Buffers;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ServiceRecovery.Web.Infrastructure.Messaging;

/// <summary>
/// A real SMTP server (the SmtpServer package) on 127.0.0.1 that keeps what it receives in memory, the newest
/// <c>capacity</c> messages: Development's mail catcher (<see cref="DevSmtpServerHost"/>), and the tests' SMTP endpoint.
/// </summary>
public sealed class DevSmtpServer(int port, int capacity = 200) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly LinkedList<CapturedMail> _received = new();
    private SmtpServer.SmtpServer? _server;
    private CancellationTokenSource? _stop;
    private Task? _running;

    public int Port { get; } = port;

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<CapturedMail> Received
    {
        get
        {
            lock (_lock)
            {
                return [.. _received];
            }
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _received.Clear();
        }
    }

    public Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _stop = new CancellationTokenSource();
        _running = _server.StartAsync(_stop.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync()
    {
        if (_server is null || _stop is null || _running is null)
        {
            return;
        }

        _server.Shutdown();
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
        catch (TimeoutException)
        {
            // a session still open: it ends with the process
        }

        _stop.Dispose();
        _server = null;
        _stop = null;
        _running = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private void Keep(CapturedMail mail)
    {
        lock (_lock)
        {
            _received.AddLast(mail);
            while (_received.Count > Math.Max(1, capacity))
            {
                _received.RemoveFirst();
            }
        }
    }

    /// <summary>The free port an ephemeral listener gets (tests: a server of their own).</summary>
    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class Store(DevSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            owner.Keep(new CapturedMail(
                message.MessageId ?? "",
                string.Join(", ", message.To.Mailboxes.Select(m => m.Address)),
                message.Subject ?? "",
                message.TextBody ?? "",
                message.HtmlBody ?? "",
                DateTimeOffset.UtcNow));
            return SmtpResponse.Ok;
        }
    }
}
