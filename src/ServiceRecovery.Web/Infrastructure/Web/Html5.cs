using System.Globalization;

namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>Values in the forms HTML itself defines (the Nu HTML checker's reading of the spec).</summary>
public static class Html5
{
    /// <summary>A global date and time for <c>&lt;time datetime&gt;</c>: to the second, with its offset ("O" gives 7 fractional digits, which HTML does not allow).</summary>
    public static string DateTime(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
