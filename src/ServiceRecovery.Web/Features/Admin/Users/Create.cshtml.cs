using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using ServiceRecovery.Web.Infrastructure.Auditing;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Mediation;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Admin.Users;

/// <summary>Admin → Users → Add a user. There is no self-registration: this is how people get an account.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class Create(IMediator mediator, IOptions<OrganisationOptions> organisation) : PageModel, IFormPage
{
    [BindProperty]
    public Command Data { get; set; } = new();

    public string Currency => organisation.Value.Currency;

    public void OnGet() => Data.Roles = [Roles.Frontline];

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Data, HttpContext.RequestAborted);
        TempData["Flash"] = $"{Data.DisplayName} can now sign in as {Data.Email}.";
        return RedirectToPage("Index");
    }

    public Task<IActionResult> RedisplayAsync(Refusal refusal) => Task.FromResult<IActionResult>(Page());

    public sealed class Command : ICommand<Guid>
    {
        public string Email { get; set; } = "";

        public string DisplayName { get; set; } = "";

        public string Password { get; set; } = "";

        public List<string> Roles { get; set; } = [];

        public decimal? AtonementLimit { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).NotEmpty().WithMessage("Enter the email address the person will sign in with.")
                .MaximumLength(256).WithMessage("Keep the email to 256 characters or fewer.")
                .EmailAddress().WithMessage("Enter an email address like name@example.com.");
            RuleFor(c => c.DisplayName).ValidDisplayName();
            RuleFor(c => c.Password).NotEmpty().WithMessage("Enter a first password for the person.")
                .MinimumLength(12).WithMessage("The password needs at least 12 characters.")
                .MaximumLength(200).WithMessage("Keep the password to 200 characters or fewer.");
            RuleFor(c => c.Roles).ValidRoles();
            RuleFor(c => c.AtonementLimit).ValidAtonementLimit();
        }
    }

    internal sealed class Handler(
        UserManager<AppUser> users, CurrentUser actor, TimeProvider clock, IOptions<OrganisationOptions> organisation, IOptions<AtonementLimitOptions> limits, AuditTrail audit)
        : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command request, CancellationToken cancellationToken)
        {
            var email = request.Email.Trim();
            var user = new AppUser
            {
                Id = Guid.CreateVersion7(),
                Email = email,
                UserName = email,
                EmailConfirmed = true,
                DisplayName = request.DisplayName.Trim(),
                AtonementLimit = request.AtonementLimit,
                CreatedAt = clock.GetUtcNow(),
                // The administrator knows this password: the person replaces it at their first sign-in.
                MustChangePassword = true,
            };
            UserRules.ThrowIfFailed(await users.CreateAsync(user, request.Password), "Email");
            UserRules.ThrowIfFailed(await users.AddToRolesAsync(user, request.Roles.Distinct()), "Roles");
            audit.Record("user.created", email,
                $"Roles: {string.Join(", ", request.Roles.Distinct())}; atonement limit: {UserRules.Describe(request.AtonementLimit, organisation.Value.Currency)}.");
            if (Domain.Staff.AccountRules.Elevation(
                    Domain.Common.StaffRole.None, UserRules.ToStaffRoles(request.Roles), null, request.AtonementLimit,
                    limits.Value.EffectiveLimit(null, [Roles.Supervisor]), organisation.Value.Currency) is { } elevation)
            {
                audit.Record(UserRules.ElevatedAction, email, $"Elevated by {actor.Name}: {elevation}");
            }

            return user.Id;
        }
    }
}
