namespace ServiceRecovery.Web.Infrastructure.Web;

public sealed class OrganisationOptions
{
    public const string Section = "Organisation";

    public string Name { get; set; } = "ServiceRecovery";

    /// <summary>ISO 4217 code of the money amounts (atonement limits, gestures).</summary>
    public string Currency { get; set; } = "EUR";

    /// <summary>IANA time zone of the organisation: "today", follow-up dates and business days are its calendar.</summary>
    public string TimeZoneId
    {
        get => _timeZoneId;
        set
        {
            _timeZoneId = value;
            _timeZone = null;
        }
    }

    private string _timeZoneId = "Europe/London";

    private TimeZoneInfo? _timeZone;

    /// <summary>
    /// How numbers and dates are shown (a culture name such as en-GB, de-DE or vi-VN; Gregorian calendar). Forms are
    /// always read invariant ("12.50"), whatever this says.
    /// </summary>
    public string Culture
    {
        get => _culture;
        set
        {
            _culture = value;
            _displayCulture = null;
        }
    }

    private string _culture = "en-GB";

    private System.Globalization.CultureInfo? _displayCulture;

    public System.Globalization.CultureInfo DisplayCulture => _displayCulture ??= DisplayCultureOf(Culture);

    private static System.Globalization.CultureInfo DisplayCultureOf(string name)
    {
        var culture = System.Globalization.CultureInfo.GetCultureInfo(name);
        if (culture.Calendar is not System.Globalization.GregorianCalendar)
        {
            throw new InvalidOperationException($"Organisation:Culture {name} does not use the Gregorian calendar; dates would be shown in another era.");
        }

        return culture;
    }

    /// <summary>Looked up once: <c>FindSystemTimeZoneById</c> takes a process-wide lock, and every request asks for "now".</summary>
    public TimeZoneInfo TimeZone => _timeZone ??= TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
}
