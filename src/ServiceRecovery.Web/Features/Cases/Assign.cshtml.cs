using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>
/// Who owns the case: a supervisor or manager gives it to an active member of staff (with a reason when it
/// replaces an owner) or returns it to the unassigned pool (with a reason); frontline staff take an
/// unassigned case themselves. The domain decides who may do what; every change goes on the timeline.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class Assign(IMediator mediator, CaseActors actors) : CaseStepPage<Assign.Command>(mediator, actors)
{
    private readonly IMediator _mediator = mediator;

    /// <summary>The people the case can be given to (not its current owner).</summary>
    public IReadOnlyList<Assignees.Person> People { get; private set; } = [];

    protected override IReadOnlyList<CaseAction> Actions { get; } = [];

    protected override string SuccessMessage => "Assigned.";

    protected override bool IsOpen(CaseView view) => view.OwnerChange != OwnerChange.None;

    protected override string? NotAvailableFor(CaseView view) => view.OwnerChangeRefusal;

    protected override string Confirmation(StepOutcome outcome) =>
        Data.ToPool ? "Returned to the unassigned pool." : $"Assigned to {outcome.OwnerName}.";

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next();
        if (executed.Result is PageResult && Case is not null && NotAvailable is null && Case.OwnerChange == OwnerChange.Reassign)
        {
            People = await _mediator.Send(new PeopleQuery(Case.OwnerId), HttpContext.RequestAborted);
        }
    }

    public sealed class Command : CaseStepCommand
    {
        /// <summary>A user id, or "me".</summary>
        public string? Assignee { get; set; }

        /// <summary>Return the case to the unassigned pool instead (Assignee is then ignored).</summary>
        public bool ToPool { get; set; }

        public string? Reason { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Assignee).NotEmpty().WithMessage("Choose who should own the case.").When(c => !c.ToPool);
            RuleFor(c => c.Reason).FreeText("why the case goes back to the unassigned pool", required: true).When(c => c.ToPool);
            RuleFor(c => c.Reason).FreeText("the reason", required: false).When(c => !c.ToPool);
        }
    }

    internal sealed class Handler(AppDbContext db, CaseActors actors) : IRequestHandler<Command, StepOutcome>
    {
        public async Task<StepOutcome> Handle(Command request, CancellationToken cancellationToken)
        {
            if (request.ToPool)
            {
                return await CaseSteps.RunAsync(db, actors, request, (c, ctx) => c.Unassign(request.Reason, ctx), cancellationToken);
            }

            var me = actors.Actor;
            var (ownerId, ownerName) = request.Assignee == "me"
                ? (me.UserId, me.Name)
                : Guid.TryParse(request.Assignee, out var id)
                  && await Assignees.Active(db).Where(u => u.Id == id).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) is { } name
                    ? (id, name)
                    : throw Invalid(nameof(Command.Assignee), "Choose someone from the list.");
            return await CaseSteps.RunAsync(db, actors, request, (c, ctx) =>
            {
                // The domain requires the reason too; asking here puts the message next to the field.
                if (ctx.Actor.IsSupervisorOrAbove && c.OwnerId is { } current && current != ownerId && string.IsNullOrWhiteSpace(request.Reason))
                {
                    throw Invalid(nameof(Command.Reason), $"Write why the case moves from {c.OwnerName} to {ownerName}: it goes on the case's timeline.");
                }

                c.Assign(ownerId, ownerName, request.Reason, ctx);
            }, cancellationToken);
        }

        private static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);
    }

    public sealed record PeopleQuery(Guid? Except) : IRequest<IReadOnlyList<Assignees.Person>>;

    internal sealed class PeopleHandler(AppDbContext db) : IRequestHandler<PeopleQuery, IReadOnlyList<Assignees.Person>>
    {
        public async Task<IReadOnlyList<Assignees.Person>> Handle(PeopleQuery request, CancellationToken cancellationToken) =>
            await Assignees.Active(db).Where(u => request.Except == null || u.Id != request.Except)
                .OrderBy(u => u.DisplayName).Select(u => new Assignees.Person(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
    }
}
