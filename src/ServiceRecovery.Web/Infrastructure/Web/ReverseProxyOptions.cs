namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>
/// The app behind a reverse proxy (section "ReverseProxy", off by default): which proxies' X-Forwarded-For and
/// X-Forwarded-Proto to believe, so that the per-IP rate limits, the logs and HTTPS see the client, not the proxy.
/// Only addresses listed here (and loopback) are trusted: anyone else could send the headers and pick their own IP.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "ReverseProxy";

    public bool Enabled { get; set; }

    /// <summary>Proxy addresses, e.g. "10.0.0.5".</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. "10.0.0.0/24".</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies deep to look (one proxy: 1).</summary>
    public int ForwardLimit { get; set; } = 1;
}
