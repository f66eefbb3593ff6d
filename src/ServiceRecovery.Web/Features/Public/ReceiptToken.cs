using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace ServiceRecovery.Web.Features.Public;

/// <summary>
/// What the acknowledgement page shows (the case reference, whether an e-mail went out) travels in its address, signed
/// and encrypted by the data-protection key ring and valid for an hour: the page never looks a case up by a reference
/// someone typed, so it cannot be used to find out about other cases.
/// </summary>
public sealed class ReceiptToken(IDataProtectionProvider protection)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("ServiceRecovery.PublicForm.Receipt").ToTimeLimitedDataProtector();

    public string Issue(Complain.Receipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return _protector.Protect($"{receipt.Reference}|{(receipt.Acknowledged ? 1 : 0)}", Lifetime);
    }

    /// <summary>Null when the token is not one of ours or has expired.</summary>
    public Complain.Receipt? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(token, out _).Split('|');
            return parts.Length == 2 ? new Complain.Receipt(parts[0].Length == 0 ? null : parts[0], parts[1] == "1") : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
