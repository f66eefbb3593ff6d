using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Customers;
using ServiceRecovery.Domain.Surveys;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Survey;

/// <summary>
/// "Get a survey link to read out or text": a fresh one-time link for a phone or SMS follow-up, shown once on the
/// answer to the POST (only its hash is kept, so it can never be shown again). For staff who may act on the case.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class CaseLink(IMediator mediator) : PageModel, IFormPage
{
    [BindProperty]
    public Command Data { get; set; } = new();

    public CaseSurvey.Summary Survey { get; private set; } = null!;

    /// <summary>The link just issued; null on GET.</summary>
    public string? IssuedLink { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference) => await LoadAsync(reference) ?? Page();

    public async Task<IActionResult> OnPostAsync(string reference)
    {
        Data.Reference = reference.ToUpperInvariant();
        IssuedLink = await mediator.Send(Data, HttpContext.RequestAborted);
        // Shown once, on this answer: it must not be kept by a cache or sent on as a referrer.
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        return await LoadAsync(reference) ?? Page();
    }

    public async Task<IActionResult> RedisplayAsync(Refusal refusal) => await LoadAsync((string)RouteData.Values["reference"]!) ?? Page();

    private async Task<IActionResult?> LoadAsync(string reference)
    {
        var caseId = await mediator.Send(new CaseIdQuery(reference.ToUpperInvariant()), HttpContext.RequestAborted);
        if (caseId is null || await mediator.Send(new CaseSurvey.Query(caseId.Value), HttpContext.RequestAborted) is not { } survey)
        {
            return NotFound();
        }

        Survey = survey;
        return !survey.MayTakeLink && IssuedLink is null && survey.Refusal is null ? Forbid() : null;
    }

    public sealed record CaseIdQuery(string Reference) : IRequest<Guid?>;

    internal sealed class CaseIdHandler(AppDbContext db) : IRequestHandler<CaseIdQuery, Guid?>
    {
        public async Task<Guid?> Handle(CaseIdQuery request, CancellationToken cancellationToken) =>
            await db.Cases.Where(c => c.Reference == request.Reference).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
    }

    public sealed class Command : Infrastructure.Mediation.ICommand<string>
    {
        [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
        public string Reference { get; set; } = "";
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reference).NotEmpty().MaximumLength(Domain.Common.FieldLimits.Reference);
    }

    /// <summary>Issues the link in the customer's language; the case checks that this person may act on it and that a link can be issued now.</summary>
    internal sealed class Handler(AppDbContext db, CaseActors actors, SurveyLinks links) : IRequestHandler<Command, string>
    {
        public async Task<string> Handle(Command request, CancellationToken cancellationToken)
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM recovery_cases WHERE reference = {request.Reference} FOR UPDATE", cancellationToken);
            var recoveryCase = await db.Cases.WithSteps().SingleOrDefaultAsync(c => c.Reference == request.Reference, cancellationToken)
                ?? throw new CaseNotFoundException(request.Reference);
            var language = await db.Customers.Where(c => c.Id == recoveryCase.CustomerId).Select(c => c.Language).SingleAsync(cancellationToken);
            var ctx = await actors.CaseContextAsync(requestId: null, cancellationToken);
            return links.Issue(recoveryCase, CustomerLanguages.IsSupported(language) ? language : CustomerLanguages.Default, SurveyIssueReason.Staff, ctx);
        }
    }
}
