using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ServiceRecovery.Web.Tests.Infrastructure;

/// <summary>
/// A loopback TCP forwarder in front of PostgreSQL, so a test can "pull the plug" on the database
/// (<see cref="Cut"/>: drop every connection and refuse new ones) and put it back (<see cref="Restore"/>).
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly ConcurrentDictionary<TcpClient, byte> _connections = new();
    private TcpListener? _listener;
    private CancellationTokenSource _cts = new();

    public TcpProxy(string host, int port)
    {
        _target = new IPEndPoint(IPAddress.Parse(host == "localhost" ? "127.0.0.1" : host), port);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Restore();
    }

    public int Port { get; }

    public void Restore()
    {
        _cts = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptLoopAsync(_listener, _cts.Token);
    }

    /// <summary>
    /// The next COMMIT a client sends reaches the server, but its answer never comes back: the proxy stops passing the
    /// server's replies and then cuts everything — the lost acknowledgement of a committed transaction.
    /// </summary>
    public void CutAfterNextCommit()
    {
        _holdReplies = false;
        _armed = true;
    }

    private volatile bool _armed;

    private volatile bool _holdReplies;

    public void Cut()
    {
        _cts.Cancel();
        _listener?.Stop();
        foreach (var client in _connections.Keys)
        {
            try
            {
                client.Client?.LingerState = new LingerOption(true, 0); // RST, like a server that died
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // already gone
            }

            client.Dispose();
        }

        _connections.Clear();
    }

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(ct);
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            _ = PipeAsync(inbound, ct);
        }
    }

    private async Task PipeAsync(TcpClient inbound, CancellationToken ct)
    {
        var outbound = new TcpClient();
        _connections[inbound] = 0;
        _connections[outbound] = 0;
        try
        {
            await outbound.ConnectAsync(_target, ct);
            var a = inbound.GetStream();
            var b = outbound.GetStream();
            await Task.WhenAny(ForwardAsync(a, b, fromClient: true, ct), ForwardAsync(b, a, fromClient: false, ct));
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Connection ended or cut: close both sides.
        }
        finally
        {
            _connections.TryRemove(inbound, out _);
            _connections.TryRemove(outbound, out _);
            inbound.Dispose();
            outbound.Dispose();
        }
    }

    private async Task ForwardAsync(NetworkStream from, NetworkStream to, bool fromClient, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, ct)) > 0)
        {
            if (!fromClient && _holdReplies)
            {
                continue; // the server's answer is lost
            }

            // Decided before the COMMIT is passed on, so that not even a quick answer gets back.
            var commit = fromClient && _armed && buffer.AsSpan(0, read).IndexOf("COMMIT\0"u8) >= 0; // the COMMIT query, not "READ COMMITTED"
            if (commit)
            {
                _armed = false;
                _holdReplies = true;
            }

            await to.WriteAsync(buffer.AsMemory(0, read), ct);
            if (commit)
            {
                _ = Task.Run(async () =>
                {
                    await Task.Delay(300, CancellationToken.None); // the server commits meanwhile
                    Cut();
                    _holdReplies = false;
                }, CancellationToken.None);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        _cts.Dispose();
        return ValueTask.CompletedTask;
    }
}
