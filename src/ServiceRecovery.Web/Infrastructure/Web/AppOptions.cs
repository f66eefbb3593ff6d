namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>Settings of the app as a whole (section "App").</summary>
public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>
    /// The address people reach the app at, for links in messages (survey links, case links in digests). Behind a
    /// reverse proxy this is the public address, not the one Kestrel listens on.
    /// </summary>
    public Uri PublicBaseUrl { get; set; } = new("http://127.0.0.1:5080");

    /// <summary>An absolute link to a path of the app ("/cases/SR-2026-000001").</summary>
    public string Link(string path) => new Uri(PublicBaseUrl, path).ToString();
}
