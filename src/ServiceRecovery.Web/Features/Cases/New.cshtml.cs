using System.Text.RegularExpressions;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Customers;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Infrastructure.Compensation;
using ServiceRecovery.Web.Infrastructure.Mediation;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Log a complaint: find or add the customer, write what happened in their words, land on the case.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed partial class New(IMediator mediator) : PageModel, IFormPage
{
    [BindProperty]
    public Command Data { get; set; } = new();

    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "customerId")]
    public Guid? PickedCustomerId { get; set; }

    public Form Options { get; private set; } = Form.Empty;

    public IReadOnlyList<Customers.Search.Match> Matches { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Data = new Command { RequestId = Guid.CreateVersion7(), CustomerId = PickedCustomerId, AssignToMe = true };
        await LoadAsync();
        if (!string.IsNullOrWhiteSpace(Search))
        {
            Matches = await mediator.Send(new Customers.Search.Query(Search), HttpContext.RequestAborted);
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var reference = await mediator.Send(Data, HttpContext.RequestAborted);
        TempData["Flash"] = $"Complaint logged as {reference}. Next: apologize — quickly.";
        return Redirect(Routes.Case(reference));
    }

    public async Task<IActionResult> RedisplayAsync(Refusal refusal)
    {
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() => Options = await mediator.Send(new FormQuery(Data.CustomerId), HttpContext.RequestAborted);

    public sealed record FormQuery(Guid? CustomerId) : IRequest<Form>;

    public sealed record Form(IReadOnlyList<string> Categories, Customers.Search.Match? Customer, CustomerFlag? Flag = null)
    {
        public static readonly Form Empty = new([], null);
    }

    internal sealed class FormHandler(AppDbContext db, CaseActors actors, CompensationContext compensation) : IRequestHandler<FormQuery, Form>
    {
        public async Task<Form> Handle(FormQuery request, CancellationToken cancellationToken)
        {
            var categories = await db.Categories.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
                .Select(c => c.Name).ToListAsync(cancellationToken);
            Customers.Search.Match? customer = null;
            if (request.CustomerId is { } id)
            {
                var yearAgo = actors.Now.AddYears(-1);
                customer = await db.Customers.AsNoTracking().Where(c => c.Id == id)
                    .Select(c => new Customers.Search.Match(c.Id, c.Name, c.Email, c.Phone, c.Tier, db.Cases.Count(rc => rc.CustomerId == c.Id && rc.OpenedAt >= yearAgo)))
                    .SingleOrDefaultAsync(cancellationToken);
            }

            var flag = customer is null ? null : await compensation.FlagAsync(customer.Id, cancellationToken);
            return new Form(categories, customer, flag);
        }
    }

    public sealed class Command : ICommand<string>
    {
        /// <summary>An existing customer; when empty, the new-customer fields below are used.</summary>
        public Guid? CustomerId { get; set; }

        public string? CustomerName { get; set; }

        public string? CustomerEmail { get; set; }

        public string? CustomerPhone { get; set; }

        public CustomerTier CustomerTier { get; set; } = CustomerTier.Standard;

        public Channel? Channel { get; set; }

        public string? Category { get; set; }

        public Domain.Cases.Severity? Severity { get; set; }

        public string? WhatHappened { get; set; }

        public string? CustomerExpected { get; set; }

        public string? CustomerWants { get; set; }

        public decimal? TransactionValue { get; set; }

        public bool AssignToMe { get; set; }

        /// <summary>"How likely are you to recommend us to a friend?" (0–10) before the recovery, when the customer is willing to say.</summary>
        public int? NpsBefore { get; set; }

        /// <summary>New for every form load: posting the same form twice logs one case.</summary>
        public Guid RequestId { get; set; }
    }

    internal sealed partial class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            When(c => c.CustomerId is null, () =>
            {
                RuleFor(c => c.CustomerName).NotEmpty().WithMessage("Find the customer above, or enter the new customer's name.")
                    .MaximumLength(FieldLimits.CustomerName).WithMessage($"Keep the name to {FieldLimits.CustomerName} characters or fewer.");
                RuleFor(c => c.CustomerEmail).Must((c, email) => !string.IsNullOrWhiteSpace(email) || !string.IsNullOrWhiteSpace(c.CustomerPhone))
                    .WithMessage("Give an email or a phone number, so we can follow up.");
                RuleFor(c => c.CustomerEmail).MaximumLength(FieldLimits.Email).EmailAddress()
                    .WithMessage("Enter an email address like name@example.com.")
                    .When(c => !string.IsNullOrWhiteSpace(c.CustomerEmail));
                RuleFor(c => c.CustomerPhone).Must(BeAPhoneNumber)
                    .WithMessage("Enter a phone number of 6 to 15 digits; spaces, +, -, ( ) are fine.")
                    .When(c => !string.IsNullOrWhiteSpace(c.CustomerPhone));
                RuleFor(c => c.CustomerTier).IsInEnum().WithMessage("Choose the customer's tier from the list.");
            });
            RuleFor(c => c.Channel).NotNull().WithMessage("Choose how the complaint came in.").IsInEnum().WithMessage("Choose a channel from the list.");
            RuleFor(c => c.Category).NotEmpty().WithMessage("Choose a category.").MaximumLength(FieldLimits.Category);
            RuleFor(c => c.Severity).NotNull().WithMessage("Choose how severe the failure is.").IsInEnum().WithMessage("Choose a severity from the list.");
            RuleFor(c => c.WhatHappened).FreeText("what happened, in the customer's words", required: true);
            RuleFor(c => c.CustomerExpected).FreeText("what the customer expected", required: false);
            RuleFor(c => c.CustomerWants).FreeText("what the customer would like", required: false);
            RuleFor(c => c.TransactionValue).InclusiveBetween(0m, 1_000_000m).WithMessage("The value must be between 0 and 1,000,000.")
                .Must(v => v is null || decimal.Round(v.Value, 2) == v.Value).WithMessage("Use at most two decimals.");
            RuleFor(c => c.NpsBefore).InclusiveBetween(0, 10).WithMessage("The “before” NPS is a number from 0 to 10 (or leave it empty).");
        }

        private static bool BeAPhoneNumber(string? phone) =>
            phone is not null && PhoneShape().IsMatch(phone) && phone.Count(char.IsAsciiDigit) is >= 6 and <= 15;

        [GeneratedRegex(@"^\+?[0-9 ()\-.]+$")]
        private static partial Regex PhoneShape();
    }

    internal sealed class Handler(AppDbContext db, CaseActors actors, IOptions<OrganisationOptions> organisation) : IRequestHandler<Command, string>
    {
        public async Task<string> Handle(Command request, CancellationToken cancellationToken)
        {
            if (request.RequestId != Guid.Empty)
            {
                var already = await db.Timeline.Where(t => t.RequestId == request.RequestId)
                    .Join(db.Cases, t => t.CaseId, c => c.Id, (_, c) => c.Reference).FirstOrDefaultAsync(cancellationToken);
                if (already is not null)
                {
                    return already; // the same form posted twice: one case
                }
            }

            if (!await db.Categories.AnyAsync(c => c.Name == request.Category && c.IsActive, cancellationToken))
            {
                throw Invalid(nameof(Command.Category), "Choose a category from the list.");
            }

            var ctx = await actors.CaseContextAsync(request.RequestId == Guid.Empty ? null : request.RequestId, cancellationToken);
            Guid customerId;
            if (request.CustomerId is { } existing)
            {
                if (!await db.Customers.AnyAsync(c => c.Id == existing, cancellationToken))
                {
                    throw Invalid(nameof(Command.CustomerId), "That customer no longer exists: find them again.");
                }

                customerId = existing;
            }
            else
            {
                var customer = Customer.Create(request.CustomerName!, request.CustomerEmail, request.CustomerPhone, request.CustomerTier, ctx.Now);
                db.Customers.Add(customer);
                customerId = customer.Id;
            }

            var number = await db.Database.SqlQuery<long>($"SELECT nextval('case_number_seq') AS \"Value\"").SingleAsync(cancellationToken);
            var reference = CaseReference.Format(ctx.Now.Year, number);
            var recoveryCase = RecoveryCase.Log(
                reference, customerId, request.Channel!.Value, request.Category!, request.Severity!.Value,
                request.CustomerExpected, request.WhatHappened!, request.CustomerWants,
                request.TransactionValue, request.TransactionValue is null ? null : organisation.Value.Currency,
                request.AssignToMe ? ctx.Actor.UserId : null, request.AssignToMe ? ctx.Actor.Name : null, ctx, request.NpsBefore);
            db.Cases.Add(recoveryCase);
            return reference;
        }

        private static ValidationException Invalid(string field, string message) =>
            new([new FluentValidation.Results.ValidationFailure(field, message)]);
    }
}
