using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace ServiceRecovery.Web.Features.Public;

/// <summary>
/// The minimum time-to-submit of the public form, without any third party: the form carries when it was opened, in a
/// hidden field that the data-protection key ring signs and encrypts (so it cannot be forged or moved forward), and
/// expires after <see cref="PublicFormOptions.MaximumFormAgeHours"/>.
/// </summary>
public sealed class SubmitTimer(IDataProtectionProvider protection, TimeProvider clock, IOptions<PublicFormOptions> options)
{
    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("ServiceRecovery.PublicForm.Opened").ToTimeLimitedDataProtector();

    public enum Check
    {
        Genuine,
        TooFast,
        Unreadable,
    }

    /// <summary>A new stamp for a form opened now.</summary>
    public string Issue()
    {
        var now = clock.GetUtcNow();
        return _protector.Protect(now.UtcTicks.ToString(CultureInfo.InvariantCulture), TimeSpan.FromHours(Math.Max(1, options.Value.MaximumFormAgeHours)));
    }

    public Check Verify(string? stamp)
    {
        if (string.IsNullOrWhiteSpace(stamp) || stamp.Length > 1000)
        {
            return Check.Unreadable;
        }

        string payload;
        try
        {
            payload = _protector.Unprotect(stamp, out _);
        }
        catch (CryptographicException)
        {
            return Check.Unreadable; // tampered with, made by someone else, or expired
        }
        catch (FormatException)
        {
            return Check.Unreadable;
        }

        if (!long.TryParse(payload, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            return Check.Unreadable;
        }

        var elapsed = clock.GetUtcNow() - new DateTimeOffset(ticks, TimeSpan.Zero);
        return elapsed < TimeSpan.FromSeconds(options.Value.MinimumSecondsToSubmit) ? Check.TooFast : Check.Genuine;
    }
}
