using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auditing;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Mediation;

namespace ServiceRecovery.Web.Features.Admin.Lists;

/// <summary>Admin → Apology coaching: the phrases the coach flags and what it suggests instead.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class Coaching(IMediator mediator) : ListEditorPage<Coaching.Save, Coaching.Row>(mediator)
{
    protected override IRequest<IReadOnlyList<Row>> RowsQuery { get; } = new Query();

    protected override string Confirmation => Data.Id is null ? $"Added “{Data.Avoid.Trim()}”." : $"Saved “{Data.Avoid.Trim()}”.";

    public sealed record Query : IRequest<IReadOnlyList<Row>>;

    public sealed record Row(int Id, string Avoid, string Suggestion, string Why, bool IsActive);

    internal sealed class QueryHandler(AppDbContext db) : IRequestHandler<Query, IReadOnlyList<Row>>
    {
        public async Task<IReadOnlyList<Row>> Handle(Query request, CancellationToken cancellationToken) =>
            await db.CoachingPhrases.AsNoTracking().OrderBy(c => c.Avoid)
                .Select(c => new Row(c.Id, c.Avoid, c.Suggestion, c.Why, c.IsActive)).ToListAsync(cancellationToken);
    }

    public sealed class Save : ICommand<Unit>
    {
        public int? Id { get; set; }

        public string Avoid { get; set; } = "";

        public string Suggestion { get; set; } = "";

        public string Why { get; set; } = "";

        public bool IsActive { get; set; } = true;
    }

    internal sealed class Validator : AbstractValidator<Save>
    {
        public Validator()
        {
            RuleFor(c => c.Avoid).NotEmpty().WithMessage("Enter the phrase to avoid.").MaximumLength(200).WithMessage("Keep the phrase to 200 characters or fewer.");
            RuleFor(c => c.Suggestion).NotEmpty().WithMessage("Enter what to say instead.").MaximumLength(500).WithMessage("Keep the suggestion to 500 characters or fewer.");
            RuleFor(c => c.Why).NotEmpty().WithMessage("Say why, in a sentence: it is what convinces people.").MaximumLength(500).WithMessage("Keep the reason to 500 characters or fewer.");
        }
    }

    internal sealed class Handler(AppDbContext db, AuditTrail audit) : IRequestHandler<Save, Unit>
    {
        public async Task<Unit> Handle(Save request, CancellationToken cancellationToken)
        {
            var avoid = request.Avoid.Trim();
            if (await db.CoachingPhrases.AnyAsync(c => c.Avoid.ToLower() == avoid.ToLower() && c.Id != request.Id, cancellationToken))
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Save.Avoid), $"“{avoid}” is already on the list.")]);
            }

            if (request.Id is null)
            {
                db.CoachingPhrases.Add(new CoachingPhraseEntry(avoid, request.Suggestion.Trim(), request.Why.Trim()));
                audit.Record("coaching.added", avoid, $"Suggest: {request.Suggestion.Trim()}");
                return Unit.Value;
            }

            var phrase = await db.CoachingPhrases.SingleOrDefaultAsync(c => c.Id == request.Id, cancellationToken)
                ?? throw new DomainException("This phrase no longer exists.");
            var details = $"{phrase.Avoid} → {avoid}; suggest: {phrase.Suggestion} → {request.Suggestion.Trim()}; {(phrase.IsActive ? "on" : "off")} → {(request.IsActive ? "on" : "off")}.";
            phrase.Avoid = avoid;
            phrase.Suggestion = request.Suggestion.Trim();
            phrase.Why = request.Why.Trim();
            phrase.IsActive = request.IsActive;
            audit.Record("coaching.changed", avoid, details);
            return Unit.Value;
        }
    }
}
