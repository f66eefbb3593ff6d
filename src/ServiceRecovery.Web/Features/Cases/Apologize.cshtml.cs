using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Step 1: apologize — sincerely, owning it. The coach flags phrases to avoid; it never blocks.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class Apologize(IMediator mediator, CaseActors actors) : CaseStepPage<Apologize.Command>(mediator, actors)
{
    private readonly IMediator _mediator = mediator;

    public IReadOnlyList<CoachingHint> Hints { get; private set; } = [];

    public IReadOnlyList<CoachingPhrase> Phrases { get; private set; } = [];

    protected override IReadOnlyList<CaseAction> Actions { get; } = [CaseAction.Apologize];

    protected override string SuccessMessage => "Apology recorded. Next: listen, and note how the customer feels.";

    public override async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        Phrases = await _mediator.Send(new PhrasesQuery(), HttpContext.RequestAborted);
        await next();
    }

    /// <summary>"Check my wording": shows the coaching for the words typed so far. Records nothing.</summary>
    public async Task<IActionResult> OnPostCheckAsync(string reference)
    {
        ModelState.Clear();
        Hints = ApologyCoach.Review(Data.Words ?? "", Phrases);
        return await LoadCaseAsync(reference, -1) ?? Page();
    }

    protected override string Confirmation(StepOutcome outcome)
    {
        var hints = ApologyCoach.Review(Data.Words ?? "", Phrases);
        return hints.Count == 0
            ? SuccessMessage
            : $"{SuccessMessage} Coaching for next time: {string.Join(" ", hints.Select(h => $"instead of “{h.Phrase}”, try “{h.Suggestion}”."))}";
    }

    public sealed class Command : CaseStepCommand
    {
        public string Words { get; set; } = "";
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Words).FreeText("the words you used to apologize", required: true);
    }

    internal sealed class Handler(AppDbContext db, CaseActors actors) : IRequestHandler<Command, StepOutcome>
    {
        public async Task<StepOutcome> Handle(Command request, CancellationToken cancellationToken)
        {
            var phrases = await db.CoachingPhrases.Where(p => p.IsActive).Select(p => new CoachingPhrase(p.Avoid, p.Suggestion, p.Why)).ToListAsync(cancellationToken);
            var hints = ApologyCoach.Review(request.Words, phrases);
            return await CaseSteps.RunAsync(db, actors, request, (c, ctx) => c.Apologize(request.Words, hints, ctx), cancellationToken);
        }
    }

    public sealed record PhrasesQuery : IRequest<IReadOnlyList<CoachingPhrase>>;

    internal sealed class PhrasesHandler(AppDbContext db) : IRequestHandler<PhrasesQuery, IReadOnlyList<CoachingPhrase>>
    {
        public async Task<IReadOnlyList<CoachingPhrase>> Handle(PhrasesQuery request, CancellationToken cancellationToken) =>
            await db.CoachingPhrases.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Avoid)
                .Select(p => new CoachingPhrase(p.Avoid, p.Suggestion, p.Why)).ToListAsync(cancellationToken);
    }
}
