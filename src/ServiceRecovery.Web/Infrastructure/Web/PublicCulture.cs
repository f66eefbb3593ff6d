using System.Globalization;
using Microsoft.AspNetCore.Localization;
using ServiceRecovery.Domain.Customers;

namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>
/// The language of the pages the public sees (the complaint form, the survey), English or Vietnamese: <c>?lang=vi</c>
/// when given, else the browser's <c>Accept-Language</c>, else English. Staff pages keep the organisation's one culture
/// (<see cref="WebRegistration.UseAppPipeline"/>). Forms are read invariant either way, so the language never changes
/// what a submitted number means. Texts come from resource files under <c>Resources/</c> (IViewLocalizer, IStringLocalizer).
/// </summary>
public static class PublicCulture
{
    public const string QueryKey = "lang";

    /// <summary>The public pages: everything else is for staff and signed in.</summary>
    public static bool IsPublicPath(PathString path) =>
        path.StartsWithSegments("/complain", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/s", StringComparison.OrdinalIgnoreCase);

    /// <summary>The language the current request is shown in (<c>en</c> or <c>vi</c>).</summary>
    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == CustomerLanguages.Vietnamese
        ? CustomerLanguages.Vietnamese
        : CustomerLanguages.English;

    public static RequestLocalizationOptions Options(CultureInfo organisationCulture)
    {
        ArgumentNullException.ThrowIfNull(organisationCulture);
        // English pages show numbers and dates the organisation's way when it is English-speaking, else British.
        var english = organisationCulture.TwoLetterISOLanguageName == "en" ? organisationCulture : CultureInfo.GetCultureInfo("en-GB");
        var vietnamese = CultureInfo.GetCultureInfo("vi-VN");
        return new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(english, CultureInfo.GetCultureInfo("en")),
            SupportedCultures = [english, vietnamese],
            SupportedUICultures = [CultureInfo.GetCultureInfo("en"), CultureInfo.GetCultureInfo("vi")],
            RequestCultureProviders = [new LanguageProvider(english.Name, vietnamese.Name)],
        };
    }

    /// <summary>One provider for both sources, so that a half-supported header ("vi;q=0.9, fr") still lands on a language we have.</summary>
    private sealed class LanguageProvider(string englishCulture, string vietnameseCulture) : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var language = FromQuery(httpContext.Request.Query[QueryKey])
                ?? FromOriginalQuery(httpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()?.OriginalQueryString)
                ?? FromHeader(httpContext.Request.Headers.AcceptLanguage);
            return Task.FromResult<ProviderCultureResult?>(language switch
            {
                CustomerLanguages.Vietnamese => new ProviderCultureResult(vietnameseCulture, "vi"),
                CustomerLanguages.English => new ProviderCultureResult(englishCulture, "en"),
                _ => null,
            });
        }

        private static string? FromQuery(Microsoft.Extensions.Primitives.StringValues values) =>
            values.Count == 1 && CustomerLanguages.IsSupported(values[0]?.Trim().ToLowerInvariant()) ? values[0]!.Trim().ToLowerInvariant() : null;

        /// <summary>An error page re-executed for a public page (e.g. a 429) keeps the language that page was asked in.</summary>
        private static string? FromOriginalQuery(string? queryString) =>
            string.IsNullOrEmpty(queryString) ? null : FromQuery(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(queryString).GetValueOrDefault(QueryKey));

        private static string? FromHeader(Microsoft.Extensions.Primitives.StringValues header)
        {
            if (!Microsoft.Net.Http.Headers.StringWithQualityHeaderValue.TryParseList(header, out var languages))
            {
                return null;
            }

            return languages
                .Where(l => l.Quality is null or > 0)
                .OrderByDescending(l => l.Quality ?? 1)
                .Select(l => l.Value.Value?.Split('-')[0].ToLowerInvariant())
                .FirstOrDefault(CustomerLanguages.IsSupported);
        }
    }
}
