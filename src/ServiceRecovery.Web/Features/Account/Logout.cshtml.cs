using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceRecovery.Web.Infrastructure.Auth;

namespace ServiceRecovery.Web.Features.Account;

/// <summary>
/// Sign out: POST only (a GET never changes state); the GET shows a button for the same. Signing out changes the
/// security stamp, so the session is over on the server too: a copy of the cookie is refused at its next check
/// (every request within Auth:SessionRevalidationSeconds), and so are the person's other sessions.
/// </summary>
[AllowAnonymous]
public sealed class Logout(SignInManager<AppUser> signInManager, UserManager<AppUser> userManager) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await userManager.GetUserAsync(User) is { } user)
        {
            await userManager.UpdateSecurityStampAsync(user);
        }

        await signInManager.SignOutAsync();
        TempData["Flash"] = "You are signed out.";
        return RedirectToPage("/Account/Login");
    }
}
