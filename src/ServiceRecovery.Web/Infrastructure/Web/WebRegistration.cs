using Microsoft.AspNetCore.Mvc.ModelBinding;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Infrastructure.Compensation;
using ServiceRecovery.Web.Infrastructure.Health;
using ServiceRecovery.Web.Infrastructure.Logging;
using ServiceRecovery.Web.Infrastructure.Security;

namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>Razor Pages (rooted at /Features: one folder per feature area) and the HTTP pipeline.</summary>
public static class WebRegistration
{
    public static IServiceCollection AddAppWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Features";
            options.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
            // Unknown handlers, control characters, stale hidden fields: refused here for every page.
            options.Conventions.ConfigureFilter(new HostileInputFilter());
            options.Conventions.ConfigureFilter(new CommandRefusalFilter());
        }).AddViewLocalization().AddMvcOptions(options =>
        {
            // Required fields are the validators' business (with their own messages), not the nullability of a property.
            options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            // A value of the wrong type gets a plain message that does not repeat what was sent.
            var messages = options.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((_, field) => $"Enter a valid value for {field}.");
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => "Enter a valid value.");
            messages.SetUnknownValueIsInvalidAccessor(field => $"Enter a valid value for {field}.");
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Enter a valid value.");
            messages.SetValueIsInvalidAccessor(_ => "Enter a valid value.");
            messages.SetValueMustBeANumberAccessor(field => $"Enter a number for {field}, like 12.50.");
            messages.SetNonPropertyValueMustBeANumberAccessor(() => "Enter a number, like 12.50.");
            messages.SetValueMustNotBeNullAccessor(_ => "A value is required.");

            // Forms are read invariant ("12.50"), whatever the display culture; the query string already is.
            options.ValueProviderFactories.RemoveType<FormValueProviderFactory>();
            options.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
            options.ValueProviderFactories.Insert(0, new InvariantFormValueProviderFactory());
        });
        // Texts of the public pages in English and Vietnamese: Resources/{path of the view or class}.vi.resx, English
        // being the key itself.
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddRouting(o =>
        {
            o.LowercaseUrls = true;
            o.LowercaseQueryStrings = false;
        });
        services.Configure<OrganisationOptions>(configuration.GetSection(OrganisationOptions.Section));
        services.Configure<AppOptions>(configuration.GetSection(AppOptions.Section));
        services.Configure<Features.Survey.SurveyOptions>(configuration.GetSection(Features.Survey.SurveyOptions.Section));
        services.AddScoped<Features.Survey.SurveyLinks>();
        services.Configure<AtonementLimitOptions>(configuration.GetSection(AtonementLimitOptions.Section));
        services.AddScoped<CaseActors>();
        services.AddSingleton<LocalTime>();
        services.AddScoped<Auditing.AuditTrail>();
        services.AddScoped<CompensationContext>();
        services.AddScoped<SlaPolicies>();
        services.AddScoped<Features.Improvement.ImprovementScope>();
        services.AddScoped<Features.Improvement.RootCauseDigest>();
        // The KPI dashboard (Features/Insights): the roll-up service and the maturity thresholds.
        services.Configure<Domain.Insights.MaturityThresholds>(configuration.GetSection(Domain.Insights.MaturityThresholds.Section));
        services.AddScoped<Features.Insights.KpiRollup>();
        services.AddMemoryCache();
        services.AddSingleton<SharedResults>();
        services.Configure<AbuseOptions>(configuration.GetSection(AtonementLimitOptions.Section));
        services.Configure<Features.Public.PublicFormOptions>(configuration.GetSection(Features.Public.PublicFormOptions.Section));
        services.AddSingleton<Features.Public.SubmitTimer>();
        services.AddSingleton<Features.Public.ReceiptToken>();
        services.AddAppSecurity(configuration);
        services.AddAppRateLimits(configuration);
        services.AddAppCompression();
        return services;
    }

    public static WebApplication UseAppPipeline(this WebApplication app)
    {
        // Behind a reverse proxy (ReverseProxy:Enabled): the client's address and scheme before anything reads them.
        app.UseAppForwardedHeaders();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        // One log line per request, with the final status (after the error pages below).
        app.UseAppRequestLogging();
        // Pages compressed (static files come pre-compressed from MapStaticAssets); see ResponseCompressionRegistration.
        app.UseResponseCompression();

        // Always our own friendly pages (with the request id), also in Development, so that a stopped
        // database shows the same "temporarily unavailable" page everywhere.
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        // The public form's own error page (429, 400, 404), in the visitor's language and the public layout.
        app.UseWhen(
            c => c.Request.Path.StartsWithSegments("/complain", StringComparison.OrdinalIgnoreCase)
                || c.Request.Path.StartsWithSegments("/s", StringComparison.OrdinalIgnoreCase),
            b => b.UseStatusCodePagesWithReExecute("/complain/problem/{0}"));
        app.UseMiddleware<UnreadableFormMiddleware>();
        // Staff pages: one culture for every request, the organisation's, for display (numbers, dates, month names).
        // Public pages (complaint form, survey): English or Vietnamese, as the visitor asks (PublicCulture). Parsing is
        // invariant (InvariantFormValueProviderFactory), so no browser language or server locale changes what a form means.
        var culture = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OrganisationOptions>>().Value.DisplayCulture;
        var staffCulture = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new Microsoft.AspNetCore.Localization.RequestCulture(culture, culture),
            SupportedCultures = [culture],
            SupportedUICultures = [culture],
            RequestCultureProviders = [],
        };
        var publicCulture = PublicCulture.Options(culture);
        app.UseWhen(c => PublicCulture.IsPublicPath(c.Request.Path), b => b.UseRequestLocalization(publicCulture));
        app.UseWhen(c => !PublicCulture.IsPublicPath(c.Request.Path), b => b.UseRequestLocalization(staffCulture));
        app.UseRouting();
        app.UseAuthentication();
        // After authentication (limits per person) and after UnreadableFormMiddleware (the sign-in form is read).
        app.UseRateLimiter();
        app.UseMiddleware<Auth.AccountSetupRequired>();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapAppEndpoints(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorPages().WithStaticAssets();
        // An unknown address under the public pages is the public "not found" page in the visitor's language, not the
        // sign-in page (the fallback authorization policy would otherwise apply to a request that matched nothing).
        app.MapFallback("/complain/{**rest}", () => Results.NotFound()).AllowAnonymous();
        app.MapFallback("/s/{**rest}", () => Results.NotFound()).AllowAnonymous();
        app.MapAppHealthChecks();
#if BENCHMARK
        app.MapBenchmarkBaseline();
#endif
        return app;
    }
}
