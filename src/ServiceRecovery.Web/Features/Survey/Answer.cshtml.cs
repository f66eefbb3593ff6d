using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Customers;
using ServiceRecovery.Domain.Surveys;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Survey;

/// <summary>
/// The survey page behind a private link, for the customer (no sign-in), in English or Vietnamese: "Have we fixed
/// everything for you?", CSAT, NPS and "Would you like us to contact you?". One answer per link; a link that is
/// unknown, malformed or of a withdrawn case shows one and the same page, so the page never tells whether a case
/// exists (ADR 0016).
/// </summary>
[AllowAnonymous]
public sealed class Answer(IMediator mediator, IStringLocalizer<Answer> l) : PageModel, IFormPage
{
    [BindProperty]
    public Command Data { get; set; } = new();

    public Survey View { get; private set; } = Survey.Unavailable;

    public async Task<IActionResult> OnGetAsync(string token)
    {
        View = await mediator.Send(new Query(token), HttpContext.RequestAborted);
        // The link's own language is the default; ?lang= (the switch) overrides it.
        if (View.State != SurveyInvitationState.Expired && View.Language is { } language && !Request.Query.ContainsKey(PublicCulture.QueryKey)
            && language != PublicCulture.Current)
        {
            return Redirect($"{Request.PathBase}{Request.Path}?{PublicCulture.QueryKey}={language}");
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token)
    {
        Data.Token = token;
        Data.Language = PublicCulture.Current;
        var outcome = await mediator.Send(Data, HttpContext.RequestAborted);
        // Post-redirect-get; the thank-you page's address holds no token.
        return outcome is { } effect
            ? Redirect($"{Request.PathBase}/s/thanks?{PublicCulture.QueryKey}={Data.Language}&next={effect}")
            : Redirect($"{Request.PathBase}{Request.Path}?{PublicCulture.QueryKey}={Data.Language}");
    }

    /// <summary>
    /// The form again with its messages, in the page's language: what model binding or the hostile-input check put
    /// there (a tampered choice, a NUL) is said again in the customer's words; the validator's own are localized already.
    /// </summary>
    public async Task<IActionResult> RedisplayAsync(Refusal refusal)
    {
        if (refusal is Refusal.UnusableInput or Refusal.Refused or Refusal.Conflict)
        {
            foreach (var (key, entry) in ModelState.Where(e => e.Value is { Errors.Count: > 0 }).ToList())
            {
                entry!.Errors.Clear();
                ModelState.AddModelError(key, key.EndsWith(nameof(Command.Comment), StringComparison.Ordinal)
                    ? l["Your comment contains a character that cannot be used (such as NUL). Please remove it."]
                    : string.IsNullOrEmpty(key) ? l["We could not record your answer. Please check it and send it again."]
                    : l["Please choose one of the options."]);
            }
        }

        View = await mediator.Send(new Query((string)RouteData.Values["token"]!), HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>What the page shows for a link.</summary>
    public sealed record Survey(SurveyInvitationState? State, string? Reference, string? Language)
    {
        /// <summary>Unknown, malformed, or of a withdrawn case: nothing about any case.</summary>
        public static readonly Survey Unavailable = new(null, null, null);

        public bool IsOpen => State == SurveyInvitationState.Open;
    }

    public sealed record Query(string? Token) : IRequest<Survey>;

    internal sealed class QueryHandler(AppDbContext db, CaseActors actors) : IRequestHandler<Query, Survey>
    {
        public async Task<Survey> Handle(Query request, CancellationToken cancellationToken)
        {
            var found = await SurveyLookup.FindAsync(db, request.Token, cancellationToken);
            if (found is null || found.Stage == Stage.Withdrawn)
            {
                return Survey.Unavailable;
            }

            var state = found.StateAt(actors.Now);
            return new Survey(state, found.Reference, found.Language);
        }
    }

    /// <summary>The customer's answer. <see cref="Token"/> and <see cref="Language"/> come from the address, not the form.</summary>
    public sealed class Command : Infrastructure.Mediation.ICommand<SurveyAnswerEffect?>
    {
        [BindNever]
        public string Token { get; set; } = "";

        [BindNever]
        public string Language { get; set; } = CustomerLanguages.Default;

        public bool? Fixed { get; set; }

        public string? Comment { get; set; }

        public int? Csat { get; set; }

        public int? Nps { get; set; }

        public bool? WantsContact { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Answer> l)
        {
            RuleFor(c => c.Fixed).NotNull().WithMessage(_ => l["Please tell us whether we have fixed everything for you."]);
            RuleFor(c => c.Comment).MaximumLength(FieldLimits.FreeText)
                .WithMessage(c => l["Please keep your comment to {0} characters or fewer (this one has {1}).", FieldLimits.FreeText, c.Comment!.Length]);
            RuleFor(c => c.Csat).NotNull().WithMessage(_ => l["Please choose how satisfied you are, from 1 to 5."])
                .InclusiveBetween(SurveyAnswer.MinCsat, SurveyAnswer.MaxCsat).WithMessage(_ => l["Please choose how satisfied you are, from 1 to 5."]);
            RuleFor(c => c.Nps).NotNull().WithMessage(_ => l["Please choose how likely you are to recommend us, from 0 to 10."])
                .InclusiveBetween(SurveyAnswer.MinNps, SurveyAnswer.MaxNps).WithMessage(_ => l["Please choose how likely you are to recommend us, from 0 to 10."]);
            RuleFor(c => c.WantsContact).NotNull().WithMessage(_ => l["Please tell us whether you would like us to contact you."]);
        }
    }

    /// <summary>
    /// Records the answer on the case, as the customer. Returns what it did, or null when the link cannot answer (any
    /// more): the page then shows the link's state. The case row is locked first, so two answers at once cannot both land.
    /// </summary>
    internal sealed class Handler(AppDbContext db, CaseActors actors, SlaPolicies policies) : IRequestHandler<Command, SurveyAnswerEffect?>
    {
        public async Task<SurveyAnswerEffect?> Handle(Command request, CancellationToken cancellationToken)
        {
            var found = await SurveyLookup.FindAsync(db, request.Token, cancellationToken);
            if (found is null)
            {
                return null;
            }

            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM recovery_cases WHERE id = {found.CaseId} FOR UPDATE", cancellationToken);
            var recoveryCase = await db.Cases.WithSteps().Include(c => c.SurveyInvitations).SingleAsync(c => c.Id == found.CaseId, cancellationToken);
            var now = actors.Now;
            var invitation = recoveryCase.SurveyInvitations.Single(i => i.Id == found.InvitationId);
            if (invitation.StateAt(now) != SurveyInvitationState.Open || recoveryCase.Stage == Stage.Withdrawn)
            {
                return null;
            }

            var customer = await db.Customers.SingleAsync(c => c.Id == recoveryCase.CustomerId, cancellationToken);
            customer.PreferLanguage(request.Language);
            var ctx = new Domain.Common.ActionContext(Actor.Customer(customer.Name), now, RequestId: null, await policies.GetAsync(cancellationToken));
            return recoveryCase.RecordSurveyAnswer(
                request.Token,
                new SurveyAnswer(request.Fixed!.Value, request.Comment, request.Csat!.Value, request.Nps!.Value, request.WantsContact!.Value),
                ctx);
        }
    }
}
