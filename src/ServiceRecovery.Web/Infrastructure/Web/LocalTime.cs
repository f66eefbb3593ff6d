using Microsoft.Extensions.Options;

namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>
/// Instants as people read them: in the organisation's time zone (<c>Organisation:TimeZoneId</c>). The database gives
/// them back in UTC (ADR 0012); every view formats a time through this (<c>@Time.Format(t.At, "d MMM HH:mm")</c>, injected
/// in <c>_ViewImports</c>), so 10:30 in British Summer Time reads 10:30, not 09:30.
/// </summary>
public sealed class LocalTime(IOptions<OrganisationOptions> organisation)
{
    public DateTimeOffset Of(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, organisation.Value.TimeZone);

    public string Format(DateTimeOffset at, string format) => Of(at).ToString(format, System.Globalization.CultureInfo.CurrentCulture);
}
