using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceRecovery.Web.Infrastructure.Auth;

namespace ServiceRecovery.Web.Features.Account;

/// <summary>Sign out: POST only (a GET never changes state); the GET shows a button for the same.</summary>
[AllowAnonymous]
public sealed class Logout(SignInManager<AppUser> signInManager) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signInManager.SignOutAsync();
        TempData["Flash"] = "You are signed out.";
        return RedirectToPage("/Account/Login");
    }
}
