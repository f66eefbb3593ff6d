using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auditing;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Infrastructure.Mediation;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Improvement;

/// <summary>Marks an improvement action done, with the day the change was in place (from then on the inbox compares before and after).</summary>
[Authorize(Policy = Policies.Improvement)]
public sealed class MarkDone(IMediator mediator) : PageModel, IFormPage
{
    [BindProperty]
    public Command Data { get; set; } = new();

    public Summary View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var view = await mediator.Send(new Query(id), HttpContext.RequestAborted);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        Data = new Command { ActionId = id, DoneOn = view.Today, Version = view.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        Data.ActionId = id;
        await mediator.Send(Data, HttpContext.RequestAborted);
        TempData["Flash"] = "Improvement action marked done. After two full weeks the inbox shows whether the cause became rarer.";
        return RedirectToPage("/Improvement/Index");
    }

    public async Task<IActionResult> RedisplayAsync(Refusal refusal)
    {
        var view = await mediator.Send(new Query(Data.ActionId), HttpContext.RequestAborted);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        Data.Version = view.Version;
        return Page();
    }

    public sealed record Query(Guid ActionId) : IRequest<Summary?>;

    public sealed record Summary(string Cause, string WhatWillChange, string OwnerName, DateOnly DueOn, DateOnly? DoneOn, DateOnly Today, uint Version);

    /// <summary>Not there, or another owner's: not found / refused (the scope's rule).</summary>
    internal sealed class QueryHandler(AppDbContext db, ImprovementScope scope, CaseActors actors) : IRequestHandler<Query, Summary?>
    {
        public async Task<Summary?> Handle(Query request, CancellationToken cancellationToken)
        {
            var action = await db.ImprovementActions.AsNoTracking().SingleOrDefaultAsync(a => a.Id == request.ActionId, cancellationToken);
            if (action is null)
            {
                return null;
            }

            var cause = await scope.RequireCauseAsync(action.RootCauseId, cancellationToken);
            var version = await db.ImprovementActions.Where(a => a.Id == action.Id).Select(a => EF.Property<uint>(a, "Version")).SingleAsync(cancellationToken);
            return new Summary(cause.FullName, action.WhatWillChange, action.OwnerName, action.DueOn, action.DoneOn, actors.Today, version);
        }
    }

    public sealed class Command : ICommand<MediatR.Unit>
    {
        public Guid ActionId { get; set; }

        public DateOnly? DoneOn { get; set; }

        public uint Version { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.DoneOn).NotNull().WithMessage("Enter the day the change was in place.");
    }

    internal sealed class Handler(AppDbContext db, ImprovementScope scope, CaseActors actors, AuditTrail audit) : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var action = await db.ImprovementActions.SingleOrDefaultAsync(a => a.Id == request.ActionId, cancellationToken)
                ?? throw new DomainException("That improvement action no longer exists.");
            var cause = await scope.RequireCauseAsync(action.RootCauseId, cancellationToken);
            db.Entry(action).Property<uint>("Version").OriginalValue = request.Version;
            action.MarkDone(request.DoneOn!.Value, actors.Context());
            audit.Record("improvement.done", cause.FullName, $"“{action.WhatWillChange}” done on {action.DoneOn:yyyy-MM-dd}.");
            return MediatR.Unit.Value;
        }
    }
}
