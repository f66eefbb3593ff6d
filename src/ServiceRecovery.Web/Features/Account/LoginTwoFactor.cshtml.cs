using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceRecovery.Web.Infrastructure.Auth;

namespace ServiceRecovery.Web.Features.Account;

/// <summary>
/// The second step of signing in, after a right password: a code from the authenticator app, or one recovery code.
/// Wrong codes count towards the account's lockout, like wrong passwords; the step is rate-limited like sign-in.
/// </summary>
[AllowAnonymous]
public sealed class LoginTwoFactor(SignInManager<AppUser> signInManager, ILogger<LoginTwoFactor> logger) : PageModel
{
    public const string WrongCode = "That code is not right. Enter the code your authenticator app shows now, or one of your recovery codes.";

    [BindProperty]
    public string Code { get; set; } = "";

    [BindProperty]
    public bool UseRecoveryCode { get; set; }

    [FromQuery(Name = "returnUrl")]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signInManager.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            // The first step expired (or never happened): start again.
            return RedirectToPage("/Account/Login");
        }

        if (!ModelState.IsValid || string.IsNullOrWhiteSpace(Code))
        {
            ModelState.AddModelError(nameof(Code), "Enter the code.");
            return Page();
        }

        var result = UseRecoveryCode
            ? await signInManager.TwoFactorRecoveryCodeSignInAsync(Code.Replace(" ", "", StringComparison.Ordinal).Trim())
            : await signInManager.TwoFactorAuthenticatorSignInAsync(TwoFactor.Digits(Code), isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            logger.LogInformation("User {UserId} signed in with a second factor ({Kind})", user.Id, UseRecoveryCode ? "recovery code" : "authenticator");
            return LocalRedirect(!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        ModelState.AddModelError(nameof(Code), result.IsLockedOut ? Login.LockedOut : WrongCode);
        return Page();
    }
}
