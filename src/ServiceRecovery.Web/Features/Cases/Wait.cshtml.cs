using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Waiting for the customer (a photo, a receipt, a date): the SLA clock pauses until they answer.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class Wait(IMediator mediator, CaseActors actors) : CaseStepPage<Wait.Command>(mediator, actors)
{
    protected override IReadOnlyList<CaseAction> Actions { get; } = [];

    protected override string SuccessMessage => "Waiting for the customer: the SLA clock is paused until they answer.";

    protected override bool IsOpen(CaseView view) => !view.IsTerminal && !view.IsWaitingForCustomer && view.AllowedActions.Count > 0;

    protected override string? NotAvailableFor(CaseView view) =>
        view.IsWaitingForCustomer ? "This case is already waiting for the customer." : null;

    public sealed class Command : CaseStepCommand
    {
        public string Reason { get; set; } = "";
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).FreeText("what you are waiting for", required: true);
    }

    internal sealed class Handler(AppDbContext db, CaseActors actors) : IRequestHandler<Command, StepOutcome>
    {
        public Task<StepOutcome> Handle(Command request, CancellationToken cancellationToken) =>
            CaseSteps.RunAsync(db, actors, request, (c, ctx) => c.WaitForCustomer(request.Reason, ctx), cancellationToken);
    }

    /// <summary>The customer answered: the clock runs again (a button on the case page).</summary>
    public sealed class Answered : CaseStepCommand;

    internal sealed class AnsweredHandler(AppDbContext db, CaseActors actors) : IRequestHandler<Answered, StepOutcome>
    {
        public Task<StepOutcome> Handle(Answered request, CancellationToken cancellationToken) =>
            CaseSteps.RunAsync(db, actors, request, (c, ctx) => c.CustomerAnswered(ctx), cancellationToken);
    }
}
