using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Step 3: fix the problem, as fast as possible; note whether it was fixed at first contact.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class Fix(IMediator mediator, CaseActors actors) : CaseStepPage<Fix.Command>(mediator, actors)
{
    protected override IReadOnlyList<CaseAction> Actions { get; } = [CaseAction.Fix];

    protected override string SuccessMessage => "Fix recorded. Next: make amends with a fair gesture (or apology only, with a reason).";

    public sealed class Command : CaseStepCommand
    {
        public string WhatWasDone { get; set; } = "";

        public bool ResolvedAtFirstContact { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.WhatWasDone).FreeText("what was done to fix it", required: true);
    }

    internal sealed class Handler(AppDbContext db, CaseActors actors) : IRequestHandler<Command, StepOutcome>
    {
        public Task<StepOutcome> Handle(Command request, CancellationToken cancellationToken) =>
            CaseSteps.RunAsync(db, actors, request, (c, ctx) => c.Fix(request.WhatWasDone, request.ResolvedAtFirstContact, ctx), cancellationToken);
    }
}
