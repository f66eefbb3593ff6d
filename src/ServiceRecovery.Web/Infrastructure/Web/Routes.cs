namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>
/// Addresses that route generation would spell differently from what people read and share: URLs are lower-cased
/// (<c>LowercaseUrls</c>), but a case reference is written in capitals everywhere (SR-2026-000123), on the page, on
/// the phone, in a customer's e-mail. Every link to a case is built here.
/// </summary>
public static class Routes
{
    public static string Case(string reference) => "/cases/" + Uri.EscapeDataString(reference.ToUpperInvariant());

    public static string CaseStep(string reference, string step) => Case(reference) + "/" + step;
}
