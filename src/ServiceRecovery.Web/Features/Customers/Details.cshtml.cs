using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Customers;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Infrastructure.Auditing;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Infrastructure.Compensation;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Customers;

/// <summary>
/// A customer: contact details, value tier and their cases, newest first — every case for supervisors and managers;
/// for frontline staff only the cases they may act on (their own and unassigned ones), with a count of the others.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class Details(IMediator mediator, CaseActors actors, CompensationContext compensation, Infrastructure.Web.SharedResults shared) : PageModel, IFormPage
{
    public CustomerFlag Flag { get; private set; } = null!;

    [BindProperty]
    public ClearFlag Clear { get; set; } = new();

    public const int PageSize = 50;

    public Result Customer { get; private set; } = null!;

    public DateTimeOffset Now => actors.Now;

    // "page" is Razor Pages' own route value, so the page number travels as "p".
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var result = await mediator.Send(new Query(id, Math.Max(1, PageNumber)), HttpContext.RequestAborted);
        if (result is null)
        {
            return NotFound();
        }

        Customer = result;
        Flag = await compensation.FlagAsync(id, HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>A supervisor clears the repeated-compensation flag, with a reason (recorded). The domain refuses anyone else.</summary>
    public async Task<IActionResult> OnPostClearFlagAsync(Guid id)
    {
        Clear.CustomerId = id;
        await mediator.Send(Clear, HttpContext.RequestAborted);
        shared.Forget(Queue.Index.FlaggedCustomersKey); // the queue stops marking them now, not in a few seconds
        TempData["Flash"] = "Flag cleared. Compensation before now no longer counts towards it.";
        return RedirectToPage(new { id });
    }

    public Task<IActionResult> RedisplayAsync(Refusal refusal) =>
        OnGetAsync(Guid.Parse((string)RouteData.Values["id"]!, System.Globalization.CultureInfo.InvariantCulture));

    public sealed class ClearFlag : Infrastructure.Mediation.ICommand<Unit>
    {
        public Guid CustomerId { get; set; }

        public string Reason { get; set; } = "";
    }

    internal sealed class ClearFlagValidator : FluentValidation.AbstractValidator<ClearFlag>
    {
        public ClearFlagValidator() => RuleFor(c => c.Reason).FreeText("why the flag is cleared", required: true);
    }

    internal sealed class ClearFlagHandler(AppDbContext db, CaseActors actors, AuditTrail audit) : IRequestHandler<ClearFlag, Unit>
    {
        public async Task<Unit> Handle(ClearFlag request, CancellationToken cancellationToken)
        {
            var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == request.CustomerId, cancellationToken)
                ?? throw new Domain.Common.DomainException("This customer no longer exists.");
            customer.ClearAbuseFlag(request.Reason, actors.Context());
            audit.Record("customer.flag_cleared", customer.Name, request.Reason.Trim());
            return Unit.Value;
        }
    }

    public sealed record Query(Guid Id, int Page) : IRequest<Result?>;

    public sealed record CaseRow(string Reference, DateTimeOffset OpenedAt, Severity Severity, string Category, Stage Stage, CaseOutcome? Outcome, string? OwnerName);

    /// <param name="ShownCases">The cases this person may see in the list (all of them, or their own and unassigned ones).</param>
    /// <param name="OtherCases">The customer's cases handled by colleagues, counted but not listed.</param>
    public sealed record Result(Guid Id, string Name, string? Email, string? Phone, CustomerTier Tier, DateTimeOffset CreatedAt,
        int TotalCases, int CasesLast12Months, int Page, IReadOnlyList<CaseRow> Cases, int ShownCases, int OtherCases);

    internal sealed class Handler(AppDbContext db, CaseActors actors) : IRequestHandler<Query, Result?>
    {
        public async Task<Result?> Handle(Query request, CancellationToken cancellationToken)
        {
            var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == request.Id, cancellationToken);
            if (customer is null)
            {
                return null;
            }

            var cases = db.Cases.AsNoTracking().Where(c => c.CustomerId == request.Id);
            var yearAgo = actors.Now.AddYears(-1);
            var total = await cases.CountAsync(cancellationToken);
            var recent = await cases.CountAsync(c => c.OpenedAt >= yearAgo, cancellationToken);
            var visible = cases.Where(CaseAccess.ActableBy(actors.Actor));
            var shown = await visible.CountAsync(cancellationToken);
            var rows = await visible.OrderByDescending(c => c.OpenedAt).ThenByDescending(c => c.Id)
                .Skip((request.Page - 1) * PageSize).Take(PageSize)
                .Select(c => new CaseRow(c.Reference, c.OpenedAt, c.Severity, c.Category, c.Stage, c.Outcome, c.OwnerName))
                .ToListAsync(cancellationToken);
            return new Result(customer.Id, customer.Name, customer.Email, customer.Phone, customer.Tier, customer.CreatedAt, total, recent, request.Page, rows, shown, total - shown);
        }
    }
}
