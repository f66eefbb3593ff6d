using System.Text.RegularExpressions;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Customers;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Infrastructure.Mediation;
using ServiceRecovery.Web.Infrastructure.Messaging;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Public;

/// <summary>
/// The public complaint form: no sign-in, English or Vietnamese (<see cref="PublicCulture"/>). It opens an ordinary
/// unassigned case (channel Web, stage Logged) for a customer matched by e-mail or phone, or a new one, and puts an
/// acknowledgement in the outbox. Abuse is kept out by a honeypot field, a minimum time-to-submit
/// (<see cref="SubmitTimer"/>) and a per-address rate limit (RateLimits). Every text is in
/// Resources/Features/Public/Complain.vi.resx, English being the key, validation messages included.
/// </summary>
[AllowAnonymous]
public sealed partial class Complain(IMediator mediator, SubmitTimer timer, ReceiptToken receipts, IStringLocalizer<Complain> text)
    : PageModel, IFormPage
{
    /// <summary>Longest booking or transaction reference.</summary>
    public const int BookingReferenceLimit = 64;

    /// <summary>
    /// "What happened" leaves room for the booking reference line added to it on the case (<see cref="Handler.Compose"/>).
    /// </summary>
    public const int WhatHappenedLimit = 3800;

    /// <summary>Shown in place of a message the visitor's language has no translation for (none is left in English).</summary>
    public const string CheckThisField = "Please check this field.";

    [BindProperty]
    public Command Data { get; set; } = new();

    public void OnGet() => Data = new Command { RequestId = Guid.CreateVersion7(), Started = timer.Issue() };

    public async Task<IActionResult> OnPostAsync()
    {
        var receipt = await mediator.Send(Data, HttpContext.RequestAborted);
        return RedirectToPage("/Public/Received", new { t = receipts.Issue(receipt), lang = PublicCulture.Current });
    }

    public Task<IActionResult> RedisplayAsync(Refusal refusal)
    {
        // A stamp that no longer verifies (tampered, expired, absent) is replaced, so that sending again works.
        if (timer.Verify(Data.Started) == SubmitTimer.Check.Unreadable)
        {
            Data.Started = timer.Issue();
        }

        if (Data.RequestId == Guid.Empty)
        {
            Data.RequestId = Guid.CreateVersion7();
        }

        Translate();
        return Task.FromResult<IActionResult>(Page());
    }

    /// <summary>
    /// Every message in ModelState — the validator's, and those of the filters every page shares (control characters,
    /// stale form) — is English, the key of its translation: shown in the visitor's language, or as a general "please
    /// check this field" when a message has no translation yet, so that no English is left on a Vietnamese page.
    /// </summary>
    private void Translate()
    {
        if (PublicCulture.Current == CustomerLanguages.English)
        {
            return;
        }

        foreach (var entry in ModelState.Values.Where(e => e.Errors.Count > 0))
        {
            var messages = entry.Errors.Select(e => text[e.ErrorMessage]).Select(t => t.ResourceNotFound ? text[CheckThisField].Value : t.Value).Distinct().ToList();
            entry.Errors.Clear();
            foreach (var message in messages)
            {
                entry.Errors.Add(message);
            }
        }
    }

    /// <summary>What the acknowledgement page shows: the reference (null when nothing was saved) and whether an e-mail went out.</summary>
    public sealed record Receipt(string? Reference, bool Acknowledged);

    public sealed class Command : ICommand<Receipt>
    {
        public string? Name { get; set; }

        public string? Email { get; set; }

        public string? Phone { get; set; }

        public string? WhatHappened { get; set; }

        public string? Expected { get; set; }

        public string? PutRight { get; set; }

        public string? BookingReference { get; set; }

        public decimal? Value { get; set; }

        /// <summary>New for every form load: posting the same form twice files one complaint.</summary>
        public Guid RequestId { get; set; }

        /// <summary>When the form was opened (<see cref="SubmitTimer"/>).</summary>
        public string? Started { get; set; }

        /// <summary>The honeypot: hidden from people, filled in by scripts.</summary>
        public string? Website { get; set; }
    }

    internal sealed partial class Validator : AbstractValidator<Command>
    {
        public Validator(SubmitTimer timer)
        {
            // A filled honeypot is answered as if it worked (the handler saves nothing): the script learns nothing.
            When(c => string.IsNullOrEmpty(c.Website), () =>
            {
                RuleFor(c => c.Started).Must(s => timer.Verify(s) != SubmitTimer.Check.Unreadable)
                    .WithMessage("We could not check this form (it may be out of date). Please check what you wrote and send it again.")
                    .DependentRules(() => RuleFor(c => c.Started).Must(s => timer.Verify(s) == SubmitTimer.Check.Genuine)
                        .WithMessage("That was very quick. Please check what you wrote, then send it again."));
                RuleFor(c => c.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Please tell us your name.")
                    .MaximumLength(FieldLimits.CustomerName).WithMessage("Please keep your name to 200 characters or fewer.");
                RuleFor(c => c.Email).Must((c, email) => !string.IsNullOrWhiteSpace(email) || !string.IsNullOrWhiteSpace(c.Phone))
                    .WithMessage("Please give an e-mail address or a phone number, so that we can reply.");
                RuleFor(c => c.Email).MaximumLength(FieldLimits.Email).EmailAddress()
                    .WithMessage("Please enter an e-mail address like name@example.com.")
                    .When(c => !string.IsNullOrWhiteSpace(c.Email));
                RuleFor(c => c.Phone).Must(BeAPhoneNumber)
                    .WithMessage("Please enter a phone number of 6 to 15 digits; spaces, +, -, ( ) are fine.")
                    .When(c => !string.IsNullOrWhiteSpace(c.Phone));
                RuleFor(c => c.WhatHappened).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Please tell us what happened.")
                    .MaximumLength(WhatHappenedLimit).WithMessage("Please keep this to 3,800 characters or fewer.");
                RuleFor(c => c.Expected).MaximumLength(FieldLimits.FreeText).WithMessage("Please keep this to 4,000 characters or fewer.");
                RuleFor(c => c.PutRight).MaximumLength(FieldLimits.FreeText).WithMessage("Please keep this to 4,000 characters or fewer.");
                RuleFor(c => c.BookingReference).MaximumLength(BookingReferenceLimit).WithMessage("Please keep the reference to 64 characters or fewer.");
                RuleFor(c => c.Value).InclusiveBetween(0m, 1_000_000m).WithMessage("The amount must be between 0 and 1,000,000.")
                    .Must(v => v is null || decimal.Round(v.Value, 2) == v.Value).WithMessage("Please use at most two decimals, like 12.50.");
            });
        }

        private static bool BeAPhoneNumber(string? phone) =>
            phone is not null && PhoneShape().IsMatch(phone.Trim()) && phone.Count(char.IsAsciiDigit) is >= 6 and <= 15;

        [GeneratedRegex(@"^\+?[0-9 ()\-.]+$")]
        private static partial Regex PhoneShape();
    }

    internal sealed partial class Handler(
        AppDbContext db,
        CaseActors actors,
        SlaPolicies policies,
        Outbox outbox,
        IOptions<PublicFormOptions> options,
        IOptions<OrganisationOptions> organisation,
        ILogger<Complain> logger) : IRequestHandler<Command, Receipt>
    {
        public async Task<Receipt> Handle(Command request, CancellationToken cancellationToken)
        {
            if (!string.IsNullOrEmpty(request.Website))
            {
                // Never the content: only that the trap worked.
                logger.LogInformation("Public complaint form: the honeypot field was filled in; nothing was saved");
                return new Receipt(null, false);
            }

            var email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim().ToLowerInvariant();
            if (request.RequestId != Guid.Empty)
            {
                var already = await db.Timeline.Where(t => t.RequestId == request.RequestId)
                    .Join(db.Cases, t => t.CaseId, c => c.Id, (_, c) => c.Reference).FirstOrDefaultAsync(cancellationToken);
                if (already is not null)
                {
                    return new Receipt(already, email is not null); // the same form sent twice: one complaint
                }
            }

            var name = request.Name!.Trim();
            var phone = string.IsNullOrWhiteSpace(request.Phone) ? null : request.Phone.Trim();
            var language = PublicCulture.Current;
            var ctx = new Domain.Common.ActionContext(Actor.Customer(name), actors.Now, request.RequestId == Guid.Empty ? null : request.RequestId, await policies.GetAsync(cancellationToken));

            // Matched without telling anyone: the page and the message are the same whether a customer was found or
            // not, and what they typed never changes a known customer's name or contact details.
            var customerId = await MatchAsync(email, phone, cancellationToken);
            if (customerId is null)
            {
                var customer = Customer.Create(name, email, phone, CustomerTier.Standard, ctx.Now);
                customer.PreferLanguage(language);
                db.Customers.Add(customer);
                customerId = customer.Id;
            }

            var number = await db.Database.SqlQuery<long>($"SELECT nextval('case_number_seq') AS \"Value\"").SingleAsync(cancellationToken);
            var reference = CaseReference.Format(ctx.Now.Year, number);
            var recoveryCase = RecoveryCase.LogFromCustomer(
                reference, customerId.Value, await CategoryAsync(cancellationToken), options.Value.Severity,
                Compose(request.WhatHappened!, request.BookingReference), request.Expected, request.PutRight,
                request.Value, request.Value is null ? null : organisation.Value.Currency, ctx);
            db.Cases.Add(recoveryCase);

            if (email is not null)
            {
                // To the address typed on the form, under the name typed on it: never what we hold for a matched customer.
                outbox.Enqueue(MessageKinds.ComplaintAcknowledged, new MessageRecipient(email, name), language, new Dictionary<string, object?>
                {
                    ["name"] = name,
                    ["reference"] = reference,
                    ["organisation"] = organisation.Value.Name,
                }, recoveryCase.Id);
            }

            return new Receipt(reference, email is not null);
        }

        /// <summary>The booking reference goes with what happened, on a line of its own that staff read on the case page.</summary>
        internal static string Compose(string whatHappened, string? bookingReference) =>
            string.IsNullOrWhiteSpace(bookingReference)
                ? whatHappened.Trim()
                : $"{whatHappened.Trim()}\n\nBooking or transaction reference (given by the customer): {bookingReference.Trim()}";

        /// <summary>The oldest customer with this e-mail (lower-case), else with these phone digits; both are always looked for.</summary>
        private async Task<Guid?> MatchAsync(string? email, string? phone, CancellationToken ct)
        {
            var digits = phone is null ? "" : new string([.. phone.Where(char.IsAsciiDigit)]);
            var byEmail = await db.Customers.AsNoTracking().Where(c => email != null && c.Email == email)
                .OrderBy(c => c.CreatedAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
            // Digits against digits, whatever spaces, dashes or brackets either side was written with.
            var byPhone = await db.Database.SqlQuery<Guid>(
                    $"SELECT id AS \"Value\" FROM customers WHERE {digits.Length >= 6} AND phone IS NOT NULL AND regexp_replace(phone, '[^0-9]', '', 'g') = {digits} ORDER BY created_at LIMIT 1")
                .Select(id => (Guid?)id).FirstOrDefaultAsync(ct);
            return byEmail ?? byPhone;
        }

        private async Task<string> CategoryAsync(CancellationToken ct)
        {
            var configured = options.Value.Category;
            var active = await db.Categories.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.Name != configured).ThenBy(c => c.SortOrder).ThenBy(c => c.Name)
                .Select(c => c.Name).FirstOrDefaultAsync(ct);
            return active ?? configured;
        }
    }
}
