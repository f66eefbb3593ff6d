using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>Forwarded headers from the trusted reverse proxies of <see cref="ReverseProxyOptions"/>, first in the pipeline.</summary>
public static class ForwardedHeadersRegistration
{
    public static WebApplication UseAppForwardedHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var proxy = app.Configuration.GetSection(ReverseProxyOptions.Section).Get<ReverseProxyOptions>() ?? new ReverseProxyOptions();
        if (!proxy.Enabled)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
            ForwardLimit = proxy.ForwardLimit,
        };
        foreach (var address in proxy.KnownProxies.Where(a => !string.IsNullOrWhiteSpace(a)))
        {
            options.KnownProxies.Add(IPAddress.Parse(address.Trim()));
        }

        foreach (var network in proxy.KnownNetworks.Where(n => !string.IsNullOrWhiteSpace(n)))
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network.Trim()));
        }

        // The Host header a proxy forwards is believed only for the hosts the app answers to (AllowedHosts).
        var allowed = app.Configuration["AllowedHosts"];
        if (!string.IsNullOrEmpty(allowed) && allowed != "*")
        {
            options.AllowedHosts = allowed.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        app.UseForwardedHeaders(options);
        return app;
    }
}
