using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceRecovery.Web.Infrastructure.Auth;

namespace ServiceRecovery.Web.Features.Account;

/// <summary>Sign in. Anonymous by necessity; no self-registration exists (an Admin creates users).</summary>
[AllowAnonymous]
public sealed class Login(SignInManager<AppUser> signInManager, UserManager<AppUser> userManager, UnknownAccounts unknownAccounts, ILogger<Login> logger) : PageModel
{
    public const string WrongCredentials = "The email or password is not right. Check them and try again.";
    public const string LockedOut = "Too many failed attempts: this account is locked for a while. Try again later or ask an administrator.";

    [BindProperty]
    public Credentials Input { get; set; } = new();

    [FromQuery(Name = "returnUrl")]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(SafeReturnUrl());
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // An unknown email, a disabled account and a wrong password get the same answer after the same work (a
        // password hash), and all count towards a lockout: nothing here tells which emails are staff accounts.
        var email = Input.Email.Trim();
        var user = await userManager.FindByEmailAsync(email);
        if (user is null)
        {
            var locked = unknownAccounts.Failed(email, Input.Password);
            ModelState.AddModelError(string.Empty, locked ? LockedOut : WrongCredentials);
            return Page();
        }

        var result = await signInManager.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("User {UserId} signed in", user.Id);
            return LocalRedirect(SafeReturnUrl());
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginTwoFactor", new { returnUrl = SafeReturnUrl() });
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("User {UserId} is locked out after failed sign-ins", user.Id);
            ModelState.AddModelError(string.Empty, LockedOut);
        }
        else
        {
            if (user.IsDisabled)
            {
                logger.LogInformation("Sign-in refused for disabled user {UserId}", user.Id);
            }

            ModelState.AddModelError(string.Empty, WrongCredentials);
        }

        return Page();
    }

    private string SafeReturnUrl() =>
        !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";

    public sealed class Credentials
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter an email address like name@example.com.")]
        [StringLength(256)]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(200)]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";
    }
}
