using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>
/// Step 4: atone — a gesture (refund, credit, voucher...) within the person's atonement limit, or "apology only"
/// with a reason. Above the limit the domain refuses for now ("needs supervisor approval").
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class Atone(IMediator mediator, CaseActors actors, IOptions<OrganisationOptions> organisation) : CaseStepPage<Atone.Command>(mediator, actors)
{
    private readonly IMediator _mediator = mediator;

    public decimal Limit { get; private set; }

    public string Currency => Case?.Currency ?? organisation.Value.Currency;

    protected override IReadOnlyList<CaseAction> Actions { get; } = [CaseAction.Atone];

    protected override string SuccessMessage => "Gesture recorded. Next: schedule the follow-up — “have we fixed everything for you?”.";

    public override async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        Limit = await _mediator.Send(new LimitQuery(), HttpContext.RequestAborted);
        await next();
    }

    public sealed class Command : CaseStepCommand
    {
        public GestureType? Gesture { get; set; }

        public decimal? Amount { get; set; }

        public string? Description { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Gesture).NotNull().WithMessage("Choose a gesture, or apology only.")
                .IsInEnum().WithMessage("Choose a gesture from the list.");
            When(c => c.Gesture == GestureType.ApologyOnly, () =>
            {
                RuleFor(c => c.Amount).Must(a => a is null or 0).WithMessage("Apology only has no amount: leave it empty.");
                RuleFor(c => c.Description).FreeText("why an apology is enough", required: true);
            }).Otherwise(() =>
            {
                RuleFor(c => c.Amount).NotNull().WithMessage("Enter the value of the gesture.")
                    .GreaterThan(0).WithMessage("The value must be more than zero.")
                    .LessThanOrEqualTo(1_000_000).WithMessage("The value must be at most 1,000,000.")
                    .Must(a => a is null || decimal.Round(a.Value, 2) == a.Value).WithMessage("Use at most two decimals.");
                RuleFor(c => c.Description).FreeText("the description", required: false);
                RuleFor(c => c.Description).Must(d => !string.IsNullOrWhiteSpace(d)).When(c => c.Gesture == GestureType.Other)
                    .WithMessage("Describe the gesture.");
            });
        }
    }

    internal sealed class Handler(AppDbContext db, CaseActors actors, IMediator mediator, IOptions<OrganisationOptions> organisation) : IRequestHandler<Command, StepOutcome>
    {
        public async Task<StepOutcome> Handle(Command request, CancellationToken cancellationToken)
        {
            var limit = await mediator.Send(new LimitQuery(), cancellationToken);
            return await CaseSteps.RunAsync(db, actors, request, (c, ctx) => c.RecordAtonement(
                request.Gesture!.Value, request.Amount, c.Currency ?? organisation.Value.Currency, request.Description, limit, ctx), cancellationToken);
        }
    }

    /// <summary>The signed-in person's atonement limit: their own, else their role's default.</summary>
    public sealed record LimitQuery : IRequest<decimal>;

    internal sealed class LimitHandler(AppDbContext db, CurrentUser user, IOptions<AtonementLimitOptions> limits) : IRequestHandler<LimitQuery, decimal>
    {
        public async Task<decimal> Handle(LimitQuery request, CancellationToken cancellationToken)
        {
            var own = await db.Users.Where(u => u.Id == user.Id).Select(u => u.AtonementLimit).SingleOrDefaultAsync(cancellationToken);
            return limits.Value.EffectiveLimit(own, Roles.All.Where(user.IsInRole));
        }
    }
}
