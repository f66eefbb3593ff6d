using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ServiceRecovery.Web.Features.Public;

/// <summary>
/// "We have your complaint": the reference and what happens next. What it shows comes only from the signed token the
/// form redirected with (<see cref="ReceiptToken"/>); no case is ever looked up here, so nothing about other cases can be
/// learnt from it.
/// </summary>
[AllowAnonymous]
public sealed class Received(ReceiptToken receipts) : PageModel
{
    [FromQuery(Name = "t")]
    public string? Token { get; set; }

    /// <summary>Null when the token is missing, not ours or expired: the page then says so and links to the form.</summary>
    public Complain.Receipt? Receipt { get; private set; }

    public void OnGet() => Receipt = receipts.Read(Token);
}
