using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>"Some people will never be happy": close at follow-up without recovery, with a note.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class CloseUnsatisfied(IMediator mediator, CaseActors actors) : CaseStepPage<CloseUnsatisfied.Command>(mediator, actors)
{
    protected override IReadOnlyList<CaseAction> Actions { get; } = [CaseAction.CloseUnsatisfied];

    protected override string SuccessMessage => "Closed without recovery. The note is on the timeline.";

    public sealed class Command : CaseStepCommand
    {
        public string Note { get; set; } = "";
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Note).FreeText("why the case is closed unsatisfied", required: true);
    }

    internal sealed class Handler(AppDbContext db, CaseActors actors) : IRequestHandler<Command, StepOutcome>
    {
        public Task<StepOutcome> Handle(Command request, CancellationToken cancellationToken) =>
            CaseSteps.RunAsync(db, actors, request, (c, ctx) => c.CloseUnsatisfied(request.Note, ctx), cancellationToken);
    }
}
