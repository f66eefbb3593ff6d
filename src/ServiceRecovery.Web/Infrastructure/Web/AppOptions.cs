namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>Settings of the app as a whole (section <c>App</c>).</summary>
public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>
    /// The absolute address the public reaches the app at, for links in messages (survey links, digests), e.g.
    /// <c>https://care.example.com</c>. Messages are written outside any request, so it cannot come from one.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary><paramref name="pathAndQuery"/> (starting with /) under <see cref="PublicBaseUrl"/>.</summary>
    public string Link(string pathAndQuery) => PublicBaseUrl.TrimEnd('/') + pathAndQuery;
}
