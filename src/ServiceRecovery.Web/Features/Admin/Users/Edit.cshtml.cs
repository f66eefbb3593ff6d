using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Staff;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auditing;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Errors;
using ServiceRecovery.Web.Infrastructure.Mediation;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Admin.Users;

/// <summary>Admin → Users → one user: name, roles, atonement limit; disable or re-enable the account.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class Edit(IMediator mediator, IOptions<OrganisationOptions> organisation, CurrentUser me) : PageModel, IFormPage
{
    /// <summary>The administrator is looking at their own account (their powers are not theirs to change).</summary>
    public bool OwnAccount => Current is not null && Current.Id == me.Id;

    [BindProperty]
    public Command Data { get; set; } = new();

    public Details? Current { get; private set; }

    public string Currency => organisation.Value.Currency;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Current = await mediator.Send(new Query(id), HttpContext.RequestAborted);
        if (Current is null)
        {
            return NotFound();
        }

        Data = new Command
        {
            Id = id,
            DisplayName = Current.DisplayName,
            Roles = [.. Current.Roles],
            AtonementLimit = Current.AtonementLimit,
            ConcurrencyStamp = Current.ConcurrencyStamp,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        Data.Id = id;
        await mediator.Send(Data, HttpContext.RequestAborted);
        TempData["Flash"] = $"Saved the changes to {Data.DisplayName}.";
        return RedirectToPage("Edit", new { id });
    }

    public async Task<IActionResult> OnPostStatusAsync(Guid id, bool disable)
    {
        await mediator.Send(new SetStatus(id, disable), HttpContext.RequestAborted);
        var name = (await mediator.Send(new Query(id), HttpContext.RequestAborted))?.DisplayName;
        TempData["Flash"] = disable
            ? $"{name} is disabled: they cannot sign in and their open sessions end."
            : $"{name} can sign in again.";
        return RedirectToPage("Edit", new { id });
    }

    /// <summary>
    /// The latest stored state beside what the admin typed (kept in Data, on the latest concurrency stamp); after a
    /// refused enable/disable, the form shows the stored values.
    /// </summary>
    public async Task<IActionResult> RedisplayAsync(Refusal refusal)
    {
        var id = Guid.Parse((string)RouteData.Values["id"]!, System.Globalization.CultureInfo.InvariantCulture);
        Current = await mediator.Send(new Query(id), HttpContext.RequestAborted);
        if (Current is null)
        {
            return NotFound();
        }

        if (string.Equals(Request.Query["handler"], "Status", StringComparison.OrdinalIgnoreCase))
        {
            Data = new Command { Id = id, DisplayName = Current.DisplayName, Roles = [.. Current.Roles], AtonementLimit = Current.AtonementLimit, ConcurrencyStamp = Current.ConcurrencyStamp };
        }
        else
        {
            Data.Id = id;
            Data.ConcurrencyStamp = Current.ConcurrencyStamp;
        }

        return Page();
    }

    public sealed record Query(Guid Id) : IRequest<Details?>;

    public sealed record Details(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, decimal? AtonementLimit,
        bool IsDisabled, DateTimeOffset? LockoutEnd, DateTimeOffset CreatedAt, string ConcurrencyStamp, IReadOnlyList<AuditLine> History);

    public sealed record AuditLine(DateTimeOffset At, string ActorName, string Action, string Details);

    internal sealed class QueryHandler(AppDbContext db) : IRequestHandler<Query, Details?>
    {
        public async Task<Details?> Handle(Query request, CancellationToken cancellationToken)
        {
            var user = await db.Users.AsNoTracking()
                .Where(u => u.Id == request.Id)
                .Select(u => new
                {
                    u.Id,
                    Email = u.Email!,
                    u.DisplayName,
                    u.AtonementLimit,
                    u.IsDisabled,
                    u.LockoutEnd,
                    u.CreatedAt,
                    Stamp = u.ConcurrencyStamp ?? "",
                    Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
                })
                .SingleOrDefaultAsync(cancellationToken);
            if (user is null)
            {
                return null;
            }

            var history = await db.AuditEntries.AsNoTracking()
                .Where(a => a.Subject == user.Email)
                .OrderByDescending(a => a.At).Take(20)
                .Select(a => new AuditLine(a.At, a.ActorName, a.Action, a.Details))
                .ToListAsync(cancellationToken);
            return new Details(user.Id, user.Email, user.DisplayName, user.Roles.Order().ToList(), user.AtonementLimit,
                user.IsDisabled, user.LockoutEnd, user.CreatedAt, user.Stamp, history);
        }
    }

    public sealed class Command : ICommand<Unit>
    {
        public Guid Id { get; set; }

        public string DisplayName { get; set; } = "";

        public List<string> Roles { get; set; } = [];

        public decimal? AtonementLimit { get; set; }

        /// <summary>The version the form was loaded from; a mismatch means someone else saved in between.</summary>
        public string ConcurrencyStamp { get; set; } = "";
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Id).NotEmpty();
            RuleFor(c => c.DisplayName).ValidDisplayName();
            RuleFor(c => c.Roles).ValidRoles();
            RuleFor(c => c.AtonementLimit).ValidAtonementLimit();
            RuleFor(c => c.ConcurrencyStamp).NotEmpty().WithMessage("The form is incomplete: reload the page and try again.");
        }
    }

    internal sealed class Handler(
        UserManager<AppUser> users, AppDbContext db, CurrentUser actor, IOptions<OrganisationOptions> organisation, IOptions<AtonementLimitOptions> limits, AuditTrail audit)
        : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            await UserRules.LockAccountsAsync(db, cancellationToken);
            var user = await users.FindByIdAsync(request.Id.ToString()) ?? throw new DomainException("This user no longer exists.");
            if (user.ConcurrencyStamp != request.ConcurrencyStamp)
            {
                throw new ConcurrencyConflictException();
            }

            var currentRoles = await users.GetRolesAsync(user);
            var wanted = request.Roles.Distinct().ToList();
            var rolesChange = !wanted.Order().SequenceEqual(currentRoles.Order());
            AccountRules.EnsureNotOwnPowers(actor.Id ?? Guid.Empty, user.Id, rolesChange || user.AtonementLimit != request.AtonementLimit);
            if (currentRoles.Contains(Roles.Admin) && !wanted.Contains(Roles.Admin) && !user.IsDisabled)
            {
                AccountRules.EnsureAnAdministratorRemains(
                    takesAwayAnAdmin: true, await UserRules.OtherActiveAdministratorsAsync(db, user.Id, cancellationToken), user.DisplayName);
            }

            var elevation = AccountRules.Elevation(
                UserRules.ToStaffRoles(currentRoles), UserRules.ToStaffRoles(wanted), user.AtonementLimit, request.AtonementLimit,
                limits.Value.EffectiveLimit(null, [Roles.Supervisor]), organisation.Value.Currency);

            var changes = new List<string>();
            var name = request.DisplayName.Trim();
            if (user.DisplayName != name)
            {
                changes.Add($"name: {user.DisplayName} → {name}");
                user.DisplayName = name;
            }

            if (user.AtonementLimit != request.AtonementLimit)
            {
                var currency = organisation.Value.Currency;
                changes.Add($"atonement limit: {UserRules.Describe(user.AtonementLimit, currency)} → {UserRules.Describe(request.AtonementLimit, currency)}");
                user.AtonementLimit = request.AtonementLimit;
            }

            UserRules.ThrowIfFailed(await users.UpdateAsync(user), "DisplayName");

            var toRemove = currentRoles.Except(wanted).ToList();
            var toAdd = wanted.Except(currentRoles).ToList();
            if (toRemove.Count > 0 || toAdd.Count > 0)
            {
                UserRules.ThrowIfFailed(await users.RemoveFromRolesAsync(user, toRemove), "Roles");
                UserRules.ThrowIfFailed(await users.AddToRolesAsync(user, toAdd), "Roles");
                changes.Add($"roles: {string.Join(", ", currentRoles.Order())} → {string.Join(", ", wanted.Order())}");
                // Role changes take effect at the next session check.
                await users.UpdateSecurityStampAsync(user);
            }

            if (changes.Count > 0)
            {
                audit.Record("user.updated", user.Email!, string.Join("; ", changes) + ".");
            }

            if (elevation is not null)
            {
                audit.Record(UserRules.ElevatedAction, user.Email!, $"Elevated by {actor.Name}: {elevation}");
            }

            return Unit.Value;
        }
    }

    /// <summary>Disable (or re-enable) an account. Disabling changes the security stamp, which ends their sessions.</summary>
    public sealed record SetStatus(Guid Id, bool Disable) : ICommand<Unit>;

    internal sealed class SetStatusValidator : AbstractValidator<SetStatus>
    {
        public SetStatusValidator() => RuleFor(c => c.Id).NotEmpty();
    }

    internal sealed class SetStatusHandler(UserManager<AppUser> users, AppDbContext db, CurrentUser actor, AuditTrail audit)
        : IRequestHandler<SetStatus, Unit>
    {
        public async Task<Unit> Handle(SetStatus request, CancellationToken cancellationToken)
        {
            await UserRules.LockAccountsAsync(db, cancellationToken);
            var user = await users.FindByIdAsync(request.Id.ToString()) ?? throw new DomainException("This user no longer exists.");
            AccountRules.EnsureNotOwnPowers(actor.Id ?? Guid.Empty, user.Id, changesPowers: true);
            if (user.IsDisabled == request.Disable)
            {
                return Unit.Value; // already so: a double click records nothing twice
            }

            if (request.Disable && await users.IsInRoleAsync(user, Roles.Admin))
            {
                AccountRules.EnsureAnAdministratorRemains(
                    takesAwayAnAdmin: true, await UserRules.OtherActiveAdministratorsAsync(db, user.Id, cancellationToken), user.DisplayName);
            }

            user.IsDisabled = request.Disable;
            if (!request.Disable)
            {
                user.LockoutEnd = null;
                user.AccessFailedCount = 0;
            }

            UserRules.ThrowIfFailed(await users.UpdateAsync(user), "");
            await users.UpdateSecurityStampAsync(user);
            audit.Record(request.Disable ? "user.disabled" : "user.enabled", user.Email!,
                request.Disable ? "Account disabled; open sessions end." : "Account enabled.");
            return Unit.Value;
        }
    }
}
