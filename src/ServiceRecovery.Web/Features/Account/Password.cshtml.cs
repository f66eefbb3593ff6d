using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Web.Features.Admin.Users;
using ServiceRecovery.Web.Infrastructure.Auditing;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Mediation;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Account;

/// <summary>
/// Change your own password: every member of staff, any time; and first of all for someone whose password an
/// administrator set (until then every other page leads here, <see cref="AccountSetupRequired"/>). The other
/// sessions of the person end; this one goes on.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class Password(IMediator mediator, SignInManager<AppUser> signInManager, UserManager<AppUser> users) : PageModel, IFormPage
{
    [BindProperty]
    public Command Data { get; set; } = new();

    public bool Required => User.HasClaim(c => c.Type == AppClaims.MustChangePassword);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Data, HttpContext.RequestAborted);
        // This session carries on with a fresh cookie (new security stamp, no "must change" mark); the others end.
        if (await users.GetUserAsync(User) is { } user)
        {
            await signInManager.RefreshSignInAsync(user);
        }

        TempData["Flash"] = "Your password is changed. Your other sessions, if any, are signed out.";
        return RedirectToPage("/Home/Index");
    }

    public Task<IActionResult> RedisplayAsync(Refusal refusal)
    {
        Data = new Command(); // passwords are never shown back
        return Task.FromResult<IActionResult>(Page());
    }

    public sealed class Command : ICommand<Unit>
    {
        public string Current { get; set; } = "";

        public string New { get; set; } = "";

        public string Confirm { get; set; } = "";
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Current).NotEmpty().WithMessage("Enter your current password.");
            RuleFor(c => c.New).NotEmpty().WithMessage("Choose a new password.")
                .MinimumLength(12).WithMessage("The new password needs at least 12 characters.")
                .MaximumLength(200).WithMessage("Keep the password to 200 characters or fewer.")
                .NotEqual(c => c.Current).WithMessage("Choose a password you have not been using.");
            RuleFor(c => c.Confirm).Equal(c => c.New).WithMessage("The two new passwords are not the same.");
        }
    }

    internal sealed class Handler(UserManager<AppUser> users, CurrentUser me, AuditTrail audit) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var user = await users.GetUserAsync(me.Principal) ?? throw new DomainException("Sign in again to change your password.");
            var result = await users.ChangePasswordAsync(user, request.Current, request.New);
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.Current), "That is not your current password.")]);
            }

            if (!result.Succeeded)
            {
                // Identity's own rules for a new password (length, character kinds, ...): next to the new password.
                throw new ValidationException(result.Errors.Select(e => new FluentValidation.Results.ValidationFailure(nameof(Command.New), e.Description)));
            }

            user.MustChangePassword = false;
            UserRules.ThrowIfFailed(await users.UpdateAsync(user), nameof(Command.New));
            // ChangePasswordAsync changed the security stamp: every other session of the person ends at its next check.
            audit.Record("user.password_changed", user.Email!, "Changed their own password; other sessions signed out.");
            return Unit.Value;
        }
    }
}
