using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>
/// Pages and CSV exports are compressed (Brotli, else gzip, at the fastest level, to spare the CPU; ResponseCompressionTests
/// holds the intake page to under a third of its size); CSS and scripts come pre-compressed from <c>MapStaticAssets</c>.
/// <para>
/// Compressing over HTTPS is what BREACH attacks: an attacker who can make a victim's browser send many requests, each
/// reflecting a guess into a page that also holds a secret, reads the secret from the compressed sizes. The secret in
/// our pages is the antiforgery request token, and ASP.NET Core encrypts it afresh for every response (random IV), so
/// no two responses carry the same bytes to guess at (ResponseCompressionTests proves it of our pages). Session cookies
/// are headers, which HTTP compression never touches. ADR 0012 has the reasoning.
/// </para>
/// </summary>
public static class ResponseCompressionRegistration
{
    public static IServiceCollection AddAppCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["text/csv", "image/svg+xml"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }
}
