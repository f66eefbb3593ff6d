using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Customers;

/// <summary>
/// Someone who complained. Reachable by email or phone (at least one). Checking the format of
/// the email or phone is the web validator's job; the domain guards presence and length.
/// </summary>
public sealed class Customer
{
    private Customer()
    {
        Name = string.Empty;
    }

    private Customer(Guid id, DateTimeOffset createdAt)
        : this()
    {
        Id = id;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>Trimmed and lower-cased; null when not given.</summary>
    public string? Email { get; private set; }

    /// <summary>Trimmed; null when not given.</summary>
    public string? Phone { get; private set; }

    public CustomerTier Tier { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>
    /// The language messages to this customer are written in (<see cref="CustomerLanguages"/>): the one they wrote to us
    /// in on the public form; staff-logged customers get the default.
    /// </summary>
    public string Language { get; private set; } = CustomerLanguages.Default;

    /// <summary>Remembers the language the customer last used with us (the public form, the survey page).</summary>
    public void PreferLanguage(string language) => Language = CustomerLanguages.Require(language);

    public static Customer Create(string name, string? email, string? phone, CustomerTier tier, DateTimeOffset now)
    {
        var customer = new Customer(Guid.CreateVersion7(now), now);
        customer.SetContact(name, email, phone);
        customer.Tier = Guard.Defined(tier, "The customer tier");
        return customer;
    }

    public void UpdateContact(string name, string? email, string? phone) => SetContact(name, email, phone);

    public void ChangeTier(CustomerTier tier)
    {
        Guard.Defined(tier, "The customer tier");
        if (tier == Tier)
        {
            throw new DomainException($"This customer is already {tier}.", "customer.same_tier");
        }

        Tier = tier;
    }

    private void SetContact(string name, string? email, string? phone)
    {
        var checkedName = Guard.Required(name, "The customer's name", FieldLimits.CustomerName);
        var checkedEmail = Guard.Optional(email, "The email address", FieldLimits.Email)?.ToLowerInvariant();
        var checkedPhone = Guard.Optional(phone, "The phone number", FieldLimits.Phone);
        if (checkedEmail is null && checkedPhone is null)
        {
            throw new DomainException(
                "Give an email address or a phone number so we can follow up with the customer.",
                "customer.contact_required");
        }

        Name = checkedName;
        Email = checkedEmail;
        Phone = checkedPhone;
    }

    /// <summary>When a supervisor last cleared the repeated-compensation flag; compensations before it no longer count.</summary>
    public DateTimeOffset? AbuseFlagClearedAt { get; private set; }

    public string? AbuseFlagClearedByName { get; private set; }

    public string? AbuseFlagClearedReason { get; private set; }

    /// <summary>A supervisor vouches for the customer: the repeated-compensation count starts again from now.</summary>
    public void ClearAbuseFlag(string reason, Common.ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (!ctx.Actor.IsSupervisorOrAbove)
        {
            throw new Common.DomainException("Only a supervisor or a manager can clear the flag.", "customer.flag_clear_denied");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new Common.DomainException("Say why the flag is cleared.", "validation.required");
        }

        AbuseFlagClearedAt = ctx.Now;
        AbuseFlagClearedByName = ctx.Actor.Name;
        AbuseFlagClearedReason = reason.Trim();
    }
}
