using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Compensation;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Infrastructure.Compensation;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>
/// Step 4: atone — a gesture (refund, credit, voucher...) within the person's atonement limit, or "apology only"
/// with a reason. Above the limit, or for a customer flagged for repeated compensation, it waits for a supervisor.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class Atone(IMediator mediator, CaseActors actors, IOptions<OrganisationOptions> organisation) : CaseStepPage<Atone.Command>(mediator, actors)
{
    private readonly IMediator _mediator = mediator;

    public GuidancePanel? Guidance { get; private set; }

    public string Currency => Case?.Currency ?? organisation.Value.Currency;

    protected override IReadOnlyList<CaseAction> Actions { get; } = [CaseAction.Atone];

    protected override string SuccessMessage => "Gesture recorded. Next: schedule the follow-up — “have we fixed everything for you?”.";

    protected override string Confirmation(StepOutcome outcome)
    {
        var gesture = outcome.LatestGesture!;
        var message = gesture.Status == AtonementStatus.PendingApproval
            ? $"Sent to a supervisor for approval ({gesture.NeedsApprovalBecause}). You'll see the decision on your home page and on the case."
            : SuccessMessage;
        return gesture.GuidanceNote is null ? message : $"{message} Guidance: {gesture.GuidanceNote}";
    }

    public override async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Result is PageResult && Case is not null && NotAvailable is null)
        {
            Guidance = await _mediator.Send(new GuidanceQuery(Case.Id, Case.CustomerId, Currency), HttpContext.RequestAborted);
        }
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

    internal sealed class Handler(AppDbContext db, CaseActors actors, CompensationContext compensation, IOptions<OrganisationOptions> organisation)
        : IRequestHandler<Command, StepOutcome>
    {
        public async Task<StepOutcome> Handle(Command request, CancellationToken cancellationToken)
        {
            // The limit and the flag are read with the customer locked, after the case is locked and loaded: they
            // are measured against everything granted to this customer so far, on this case and any other.
            return await CaseSteps.RunAsync(db, actors, request, async (c, ctx) =>
            {
                var guidance = await compensation.GuidanceAsync(c.Id, cancellationToken);
                var warning = CompensationGuidance.Check(guidance, request.Gesture!.Value, request.Amount).Warning;
                c.RecordAtonement(
                    request.Gesture!.Value, request.Amount, c.Currency ?? organisation.Value.Currency, request.Description,
                    await compensation.EmpowermentAsync(c.CustomerId, cancellationToken), ctx, warning);
            }, cancellationToken);
        }
    }

    public sealed record GuidanceQuery(Guid CaseId, Guid CustomerId, string Currency) : IRequest<GuidancePanel>;

    internal sealed class GuidanceHandler(CompensationContext compensation, AppDbContext db) : IRequestHandler<GuidanceQuery, GuidancePanel>
    {
        public async Task<GuidancePanel> Handle(GuidanceQuery request, CancellationToken cancellationToken)
        {
            var tier = await db.Customers.Where(c => c.Id == request.CustomerId).Select(c => c.Tier).SingleAsync(cancellationToken);
            return new GuidancePanel(
                await compensation.GuidanceAsync(request.CaseId, cancellationToken),
                request.Currency,
                await compensation.FlagAsync(request.CustomerId, cancellationToken),
                await compensation.HistoryAsync(request.CustomerId, request.Currency, cancellationToken),
                await compensation.MyLimitAsync(cancellationToken),
                tier,
                await compensation.RunningTotalsAsync(request.CaseId, request.CustomerId, cancellationToken));
        }
    }
}
