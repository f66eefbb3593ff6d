using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;

namespace ServiceRecovery.Web.Features.Admin.Users;

/// <summary>Admin → Users: everyone who can sign in, their roles, limits and status.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class Index(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    // "page" is Razor Pages' own route value, so the page number travels as "p".
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Result Users { get; private set; } = Result.Empty;

    public async Task OnGetAsync() =>
        Users = await mediator.Send(new Query { Search = Search, Page = PageNumber }, HttpContext.RequestAborted);

    public sealed record Query : IRequest<Result>
    {
        public const int PageSize = 25;

        public string? Search { get; init; }

        public int Page { get; init; } = 1;
    }

    public sealed record Result(IReadOnlyList<Row> Rows, int Total, int Page, int Pages, string Currency)
    {
        public static readonly Result Empty = new([], 0, 1, 1, "");
    }

    public sealed record Row(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, decimal? OwnLimit, decimal EffectiveLimit, bool IsDisabled, bool IsLockedOut);

    internal sealed class Handler(AppDbContext db, IOptions<AtonementLimitOptions> limits, IOptions<Web.Infrastructure.Web.OrganisationOptions> organisation, TimeProvider clock)
        : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var users = db.Users.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(request.Search))
            {
                var term = $"%{request.Search.Trim()}%";
                users = users.Where(u => EF.Functions.ILike(u.Email!, term) || EF.Functions.ILike(u.DisplayName, term));
            }

            var total = await users.CountAsync(cancellationToken);
            var pages = Math.Max(1, (int)Math.Ceiling(total / (double)Query.PageSize));
            var page = Math.Clamp(request.Page, 1, pages);
            var now = clock.GetUtcNow();
            var rows = await users
                .OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
                .Skip((page - 1) * Query.PageSize).Take(Query.PageSize)
                .Select(u => new
                {
                    u.Id,
                    Email = u.Email!,
                    u.DisplayName,
                    u.AtonementLimit,
                    u.IsDisabled,
                    LockedOut = u.LockoutEnd != null && u.LockoutEnd > now,
                    Roles = db.UserRoles.Where(ur => ur.UserId == u.Id)
                        .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
                })
                .ToListAsync(cancellationToken);

            return new Result(
                rows.Select(r => new Row(r.Id, r.Email, r.DisplayName, r.Roles.Order().ToList(), r.AtonementLimit,
                    limits.Value.EffectiveLimit(r.AtonementLimit, r.Roles), r.IsDisabled, r.LockedOut && !r.IsDisabled)).ToList(),
                total, page, pages, organisation.Value.Currency);
        }
    }
}
