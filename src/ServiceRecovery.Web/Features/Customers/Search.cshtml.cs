using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Customers;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;

namespace ServiceRecovery.Web.Features.Customers;

/// <summary>
/// Find a customer by name, email or phone. Returns an HTML fragment (no layout) that the intake form
/// shows as you type; the intake form also renders it directly when scripts are off.
/// </summary>
[Authorize(Policy = Policies.Staff)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)] // names, emails, phones: never kept by a cache
public sealed class Search(IMediator mediator) : PageModel
{
    [FromQuery(Name = "q")]
    public string? Term { get; set; }

    public IReadOnlyList<Match> Matches { get; private set; } = [];

    public async Task OnGetAsync() => Matches = await mediator.Send(new Query(Term), HttpContext.RequestAborted);

    public sealed record Query(string? Term) : IRequest<IReadOnlyList<Match>>;

    public sealed record Match(Guid Id, string Name, string? Email, string? Phone, CustomerTier Tier, int CasesLast12Months);

    internal sealed class Handler(AppDbContext db, CaseActors actors) : IRequestHandler<Query, IReadOnlyList<Match>>
    {
        public async Task<IReadOnlyList<Match>> Handle(Query request, CancellationToken cancellationToken)
        {
            var term = request.Term?.Trim() ?? "";
            if (term.Length < 2)
            {
                return [];
            }

            var like = $"%{term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)}%";
            var yearAgo = actors.Now.AddYears(-1);
            return await db.Customers.AsNoTracking()
                .Where(c => EF.Functions.ILike(c.Name, like) || EF.Functions.ILike(c.Email!, like) || EF.Functions.ILike(c.Phone!, like))
                .OrderBy(c => c.Name).ThenBy(c => c.Id)
                .Take(8)
                .Select(c => new Match(c.Id, c.Name, c.Email, c.Phone, c.Tier, db.Cases.Count(rc => rc.CustomerId == c.Id && rc.OpenedAt >= yearAgo)))
                .ToListAsync(cancellationToken);
        }
    }
}
