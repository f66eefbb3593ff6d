using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Improvement;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auditing;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Infrastructure.Mediation;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Improvement;

/// <summary>Opens an improvement action on a root cause: what will change, who makes the change, by when.</summary>
[Authorize(Policy = Policies.Improvement)]
public sealed class OpenAction(IMediator mediator) : PageModel, IFormPage
{
    [BindProperty]
    public Command Data { get; set; } = new();

    public Form View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid cause)
    {
        var form = await mediator.Send(new Query(cause), HttpContext.RequestAborted);
        if (form is null)
        {
            return Forbid();
        }

        View = form;
        Data = new Command { RootCauseId = cause, OwnerId = form.Me, DueOn = form.Today.AddDays(30) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Data, HttpContext.RequestAborted);
        TempData["Flash"] = "Improvement action opened. Link the cases it addresses from the cause's case list.";
        return RedirectToPage("/Improvement/Index");
    }

    public async Task<IActionResult> RedisplayAsync(Refusal refusal)
    {
        var form = await mediator.Send(new Query(Data.RootCauseId), HttpContext.RequestAborted);
        if (form is null)
        {
            return Forbid();
        }

        View = form;
        return Page();
    }

    public sealed record Query(Guid CauseId) : IRequest<Form?>;

    public sealed record Form(ImprovementScope.Cause Cause, IReadOnlyList<SelectListItem> People, Guid Me, DateOnly Today);

    internal sealed class QueryHandler(AppDbContext db, ImprovementScope scope, CaseActors actors) : IRequestHandler<Query, Form?>
    {
        public async Task<Form?> Handle(Query request, CancellationToken cancellationToken)
        {
            var cause = await scope.CauseAsync(request.CauseId, cancellationToken);
            if (cause is null)
            {
                return null;
            }

            var people = await ActionOwners(db).OrderBy(u => u.DisplayName)
                .Select(u => new SelectListItem(u.DisplayName, u.Id.ToString())).ToListAsync(cancellationToken);
            return new Form(cause, people, scope.UserId, actors.Today);
        }
    }

    /// <summary>Who can own an action: enabled users with any role.</summary>
    internal static IQueryable<AppUser> ActionOwners(AppDbContext db) =>
        db.Users.AsNoTracking().Where(u => !u.IsDisabled && db.UserRoles.Any(r => r.UserId == u.Id));

    public sealed class Command : ICommand<Guid>
    {
        public Guid RootCauseId { get; set; }

        public string WhatWillChange { get; set; } = "";

        public Guid? OwnerId { get; set; }

        public DateOnly? DueOn { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RootCauseId).NotEmpty().WithMessage("Choose the root cause.");
            RuleFor(c => c.WhatWillChange).NotEmpty().WithMessage("Say what will change in the process.")
                .MaximumLength(ImprovementAction.MaxWhatLength).WithMessage($"Keep it to {ImprovementAction.MaxWhatLength} characters or fewer.");
            RuleFor(c => c.OwnerId).NotNull().WithMessage("Choose who will make the change.").NotEqual(Guid.Empty).WithMessage("Choose who will make the change.");
            RuleFor(c => c.DueOn).NotNull().WithMessage("Enter the date the change is due.");
        }
    }

    internal sealed class Handler(AppDbContext db, ImprovementScope scope, CaseActors actors, AuditTrail audit) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command request, CancellationToken cancellationToken)
        {
            var cause = await scope.RequireCauseAsync(request.RootCauseId, cancellationToken);
            var owner = await ActionOwners(db).Where(u => u.Id == request.OwnerId).Select(u => new { u.Id, u.DisplayName }).SingleOrDefaultAsync(cancellationToken)
                ?? throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.OwnerId), "Choose an active member of staff.")]);
            var action = ImprovementAction.Open(cause.Id, request.WhatWillChange, owner.Id, owner.DisplayName, request.DueOn!.Value, actors.Context());
            db.ImprovementActions.Add(action);
            audit.Record("improvement.opened", cause.FullName, $"“{action.WhatWillChange}”, owner {owner.DisplayName}, due {action.DueOn:yyyy-MM-dd}.");
            return action.Id;
        }
    }
}
