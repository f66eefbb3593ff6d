using ServiceRecovery.Domain.Cases.Events;
using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Cases;

/// <summary>Cases opened by the customer themselves, on the public complaint form.</summary>
public sealed partial class RecoveryCase
{
    /// <summary>
    /// Opens a case from the public complaint form: only a member of the public (<see cref="Actor.IsCustomer"/>) may,
    /// the channel is always <see cref="Channel.Web"/>, nobody owns it yet (it waits in the unassigned pool like any
    /// other case) and it starts in <see cref="Stage.Logged"/>. Category and severity are the organisation's defaults
    /// for web complaints: the customer does not choose them. Raises <see cref="CaseLogged"/> like <see cref="Log"/>.
    /// </summary>
    public static RecoveryCase LogFromCustomer(
        string reference,
        Guid customerId,
        string category,
        Severity severity,
        string whatHappened,
        string? expected,
        string? wants,
        decimal? transactionValue,
        string? currency,
        ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (!ctx.Actor.IsCustomer)
        {
            throw new CaseAccessDeniedException("Staff log complaints on the staff form, not on the public one.");
        }

        EnsureOpenable(reference, customerId, transactionValue);
        var checkedCurrency = transactionValue is null ? null : Guard.Currency(currency, "The currency of the transaction value");
        var recoveryCase = Opened(
            reference, customerId, Channel.Web, category, severity, expected, whatHappened, wants, transactionValue, checkedCurrency,
            Guard.Required(ctx.Actor.Name, "The customer's name", FieldLimits.PersonName), ctx);
        recoveryCase.Append(
            ctx,
            TimelineKinds.Logged,
            "The customer filed the complaint on the public form",
            fromStage: null,
            toStage: Stage.Logged,
            details: $"{DisplayNames.Of(recoveryCase.Severity)} (default for web complaints) via {DisplayNames.Of(Channel.Web)}, owner unassigned");
        recoveryCase.Raise(new CaseLogged(recoveryCase.Id, reference, customerId, Channel.Web, recoveryCase.Severity, false, ctx.Now));
        return recoveryCase;
    }
}
