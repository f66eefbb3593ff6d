using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>The case page: who, what, where it stands, what to do next, and everything that happened.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class Details(IMediator mediator, CaseActors actors) : PageModel
{
    public CaseView Case { get; private set; } = null!;

    public DateTimeOffset Now => actors.Now;

    public async Task<IActionResult> OnGetAsync(string reference)
    {
        var (visibility, view) = await mediator.Send(new Query(reference), HttpContext.RequestAborted);
        switch (visibility)
        {
            case CaseVisibility.NotFound:
                return NotFound();
            case CaseVisibility.Forbidden:
                return Forbid();
        }

        Case = view!;
        return Page();
    }

    public sealed record Query(string Reference) : IRequest<(CaseVisibility, CaseView?)>;

    internal sealed class Handler(AppDbContext db, CaseActors actors) : IRequestHandler<Query, (CaseVisibility, CaseView?)>
    {
        public Task<(CaseVisibility, CaseView?)> Handle(Query request, CancellationToken cancellationToken) =>
            CaseViews.LoadAsync(db, actors, request.Reference.ToUpperInvariant(), withTimeline: true, timelineAfter: -1, cancellationToken);
    }
}
