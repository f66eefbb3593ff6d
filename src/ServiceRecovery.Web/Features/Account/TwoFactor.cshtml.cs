using System.Globalization;
using System.Text;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using QRCoder;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Web.Features.Admin.Users;
using ServiceRecovery.Web.Infrastructure.Auditing;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Mediation;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Account;

/// <summary>
/// Two-step sign-in with an authenticator app (TOTP, Identity's own): scan the QR code or type the key, confirm with a
/// code, keep the ten recovery codes. Required for the roles in <see cref="TwoFactorOptions"/> (until then every page
/// leads here); anyone may turn it on. New recovery codes replace the old ones. Only someone whose roles do not require
/// it may turn it off.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class TwoFactor(
    IMediator mediator, UserManager<AppUser> users, SignInManager<AppUser> signInManager, TwoFactorRequirement requirement, IOptions<OrganisationOptions> organisation)
    : PageModel, IFormPage
{
    [BindProperty]
    public Enable Data { get; set; } = new();

    public bool IsEnabled { get; private set; }

    public bool MayTurnOff { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>The key to type into the app (groups of four), shown while setting up.</summary>
    public string? SharedKey { get; private set; }

    /// <summary>Shown once, right after they were made.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public bool Required => User.HasClaim(c => c.Type == AppClaims.TwoFactorRequired);

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await LoadAsync(user);
        return Page();
    }

    /// <summary>The QR code of the otpauth:// address, as SVG (an image of this site's own: no inline markup, no third party).</summary>
    public async Task<IActionResult> OnGetQrAsync()
    {
        var user = await users.GetUserAsync(User);
        var key = user is null ? null : await users.GetAuthenticatorKeyAsync(user);
        if (user is null || key is null || user.TwoFactorEnabled)
        {
            return NotFound();
        }

        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(AuthenticatorUri(organisation.Value.Name, user.Email!, key), QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        Response.Headers.CacheControl = "no-store"; // the picture is the secret
        return Content(svg, "image/svg+xml", Encoding.UTF8);
    }

    /// <summary>Makes the secret key (a POST: it changes the account, and the session is renewed with it).</summary>
    public async Task<IActionResult> OnPostBeginAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!user.TwoFactorEnabled)
        {
            await users.ResetAuthenticatorKeyAsync(user); // a new secret (and a new security stamp)
            await signInManager.RefreshSignInAsync(user);
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var codes = await mediator.Send(Data, HttpContext.RequestAborted);
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await signInManager.RefreshSignInAsync(user); // no longer "must set up"
        RecoveryCodes = codes;
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        RecoveryCodes = await mediator.Send(new NewRecoveryCodes(), HttpContext.RequestAborted);
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        await mediator.Send(new Disable(), HttpContext.RequestAborted);
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        await signInManager.RefreshSignInAsync(user);
        TempData["Flash"] = "Two-step sign-in is off. Your password alone signs you in.";
        return RedirectToPage();
    }

    /// <summary>After a refusal: the page as it stands, with the messages.</summary>
    public Task<IActionResult> RedisplayAsync(Refusal refusal) => ShowAsync();

    /// <summary>The page as it stands for this person (with new recovery codes, if any); the code typed is never shown back.</summary>
    private async Task<IActionResult> ShowAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        Data = new Enable();
        await LoadAsync(user);
        return Page();
    }

    public static string AuthenticatorUri(string issuer, string email, string key) => string.Create(
        CultureInfo.InvariantCulture,
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6");

    private async Task LoadAsync(AppUser user)
    {
        IsEnabled = user.TwoFactorEnabled;
        RecoveryCodesLeft = IsEnabled ? await users.CountRecoveryCodesAsync(user) : 0;
        MayTurnOff = IsEnabled && !requirement.AppliesTo(user, await users.GetRolesAsync(user));
        if (!IsEnabled && await users.GetAuthenticatorKeyAsync(user) is { Length: > 0 } key)
        {
            SharedKey = string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
        }
    }

    /// <summary>Turn two-step sign-in on with the first code from the app; returns the recovery codes.</summary>
    public sealed class Enable : ICommand<IReadOnlyList<string>>
    {
        public string Code { get; set; } = "";
    }

    internal sealed class EnableValidator : AbstractValidator<Enable>
    {
        public EnableValidator() => RuleFor(c => c.Code).Must(c => Digits(c).Length == 6)
            .WithMessage("Enter the 6-digit code your authenticator app shows.");
    }

    internal sealed class EnableHandler(UserManager<AppUser> users, CurrentUser me, AuditTrail audit)
        : IRequestHandler<Enable, IReadOnlyList<string>>
    {
        public async Task<IReadOnlyList<string>> Handle(Enable request, CancellationToken cancellationToken)
        {
            var user = await users.GetUserAsync(me.Principal) ?? throw new DomainException("Sign in again to set up two-step sign-in.");
            if (user.TwoFactorEnabled)
            {
                throw new DomainException("Two-step sign-in is already on.");
            }

            if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Digits(request.Code)))
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Enable.Code),
                    "That code is not right. Check that the app shows this account, and that the phone's clock is correct.")]);
            }

            UserRules.ThrowIfFailed(await users.SetTwoFactorEnabledAsync(user, true), nameof(Enable.Code));
            var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
            audit.Record("user.two_factor_enabled", user.Email!, "Turned on two-step sign-in with an authenticator app.");
            return codes;
        }
    }

    /// <summary>Ten new recovery codes; the old ones stop working.</summary>
    public sealed record NewRecoveryCodes : ICommand<IReadOnlyList<string>>;

    internal sealed class NewRecoveryCodesHandler(UserManager<AppUser> users, CurrentUser me, AuditTrail audit)
        : IRequestHandler<NewRecoveryCodes, IReadOnlyList<string>>
    {
        public async Task<IReadOnlyList<string>> Handle(NewRecoveryCodes request, CancellationToken cancellationToken)
        {
            var user = await users.GetUserAsync(me.Principal) ?? throw new DomainException("Sign in again.");
            if (!user.TwoFactorEnabled)
            {
                throw new DomainException("Turn on two-step sign-in first.");
            }

            var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
            audit.Record("user.recovery_codes_renewed", user.Email!, "Made new recovery codes; the old ones no longer work.");
            return codes;
        }
    }

    /// <summary>Turn it off (refused when the person's roles require it).</summary>
    public sealed record Disable : ICommand<Unit>;

    internal sealed class DisableHandler(UserManager<AppUser> users, TwoFactorRequirement requirement, CurrentUser me, AuditTrail audit)
        : IRequestHandler<Disable, Unit>
    {
        public async Task<Unit> Handle(Disable request, CancellationToken cancellationToken)
        {
            var user = await users.GetUserAsync(me.Principal) ?? throw new DomainException("Sign in again.");
            if (requirement.AppliesTo(user, await users.GetRolesAsync(user)))
            {
                throw new DomainException("Your role approves money or administers others: two-step sign-in stays on.", "account.two_factor_required");
            }

            UserRules.ThrowIfFailed(await users.SetTwoFactorEnabledAsync(user, false), "");
            await users.ResetAuthenticatorKeyAsync(user);
            audit.Record("user.two_factor_disabled", user.Email!, "Turned off two-step sign-in.");
            return Unit.Value;
        }
    }

    internal static string Digits(string? code) => new((code ?? "").Where(char.IsAsciiDigit).ToArray());
}
