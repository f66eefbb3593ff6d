using ServiceRecovery.Domain.Cases.Events;
using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Cases;

/// <summary>
/// The customer came back after the case closed (the KPI "retention after recovery"): the organisation's calendar day
/// of the visit and, optionally, what they spent. Recorded by staff on a closed case; recording again corrects it.
/// </summary>
public sealed partial class RecoveryCase
{
    public const string ReturnOnOpenCaseCode = "case.return_case_open";
    public const string ReturnOnWithdrawnCaseCode = "case.return_case_withdrawn";
    public const string ReturnBeforeCloseCode = "case.return_before_close";
    public const string ReturnInFutureCode = "case.return_in_future";
    public const string ReturnValueOutOfRangeCode = "case.return_value_out_of_range";
    public const string SameReturnCode = "case.same_return";

    /// <summary>
    /// The largest transaction value the app takes (the staff form's bound on a complaint's transaction value, and the
    /// most <c>numeric(12,2)</c> holds comfortably).
    /// </summary>
    public const decimal MaxTransactionValue = 1_000_000m;

    /// <summary>The organisation's calendar day the customer came back after the case closed; null when not recorded.</summary>
    public DateOnly? ReturnedOn { get; private set; }

    /// <summary>What the customer spent on that visit, in <see cref="ReturnCurrency"/>; null when not known.</summary>
    public decimal? ReturnValue { get; private set; }

    /// <summary>3-letter code of <see cref="ReturnValue"/>: the case's currency, or the organisation's when the case has none.</summary>
    public string? ReturnCurrency { get; private set; }

    public bool HasReturn => ReturnedOn is not null;

    /// <summary>Whether a return can be recorded on the case now (closed, and not withdrawn), for someone who may act on it.</summary>
    public bool AcceptsReturn => ReturnRefusal is null;

    /// <summary>Why no return can be recorded on the case now (the words <see cref="RecordReturn"/> refuses with); null when one can.</summary>
    public string? ReturnRefusal => !IsTerminal || ClosedAt is null ? ReturnOnOpenCaseMessage
        : Outcome == CaseOutcome.Withdrawn ? ReturnOnWithdrawnCaseMessage
        : null;

    private const string ReturnOnOpenCaseMessage =
        "The case is still open: record that the customer came back once the case is closed.";

    private const string ReturnOnWithdrawnCaseMessage =
        "This case was withdrawn (a duplicate or logged in error): there is no recovery to come back from.";

    /// <summary>
    /// Records that the customer came back on <paramref name="returnedOn"/> (the organisation's calendar day), spending
    /// <paramref name="value"/> if known. Only on a case closed as recovered, unsatisfied or unreachable, by someone who may
    /// act on the case; the day is not before the day the case closed and not after today, both in
    /// <paramref name="zone"/>. Recording again corrects the return (the latest wins); each record is a timeline entry.
    /// </summary>
    /// <param name="organisationCurrency">The currency of the value when the case has none of its own.</param>
    /// <param name="zone">The organisation's time zone: its calendar decides "the day it closed" and "today".</param>
    public void RecordReturn(DateOnly returnedOn, decimal? value, string organisationCurrency, TimeZoneInfo zone, ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(ctx);
        EnsureMayAct(ctx.Actor);
        if (ReturnRefusal is { } refusal)
        {
            throw new DomainException(refusal, Outcome == CaseOutcome.Withdrawn ? ReturnOnWithdrawnCaseCode : ReturnOnOpenCaseCode);
        }

        var closedAt = ClosedAt!.Value;
        var closedOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(closedAt, zone).DateTime);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(ctx.Now, zone).DateTime);
        if (returnedOn < closedOn)
        {
            throw new DomainException(
                Invariant($"The case closed on {closedOn:d MMM yyyy}: the customer came back on that day or later, not on {returnedOn:d MMM yyyy}."),
                ReturnBeforeCloseCode);
        }

        if (returnedOn > today)
        {
            throw new DomainException(
                Invariant($"{returnedOn:d MMM yyyy} is in the future: record a return once the customer has come back (today or earlier)."),
                ReturnInFutureCode);
        }

        if (value is < 0 or > MaxTransactionValue)
        {
            throw new DomainException(
                Invariant($"What the customer spent must be between 0 and {MaxTransactionValue:#,0} (or left empty)."),
                ReturnValueOutOfRangeCode);
        }

        if (value is { } spent && decimal.Round(spent, 2) != spent)
        {
            throw new DomainException("What the customer spent takes at most two decimals.", ReturnValueOutOfRangeCode);
        }

        var currency = value is null ? null : Guard.Currency(Currency ?? organisationCurrency, "The currency of the visit's value");
        if (returnedOn == ReturnedOn && value == ReturnValue)
        {
            throw new DomainException("That return is already recorded; nothing changed.", SameReturnCode);
        }

        var before = ReturnedOn;
        var spentText = value is { } amount ? Invariant($", spent {amount:0.00} {currency}") : "";
        var summary = before is { } earlier && earlier != returnedOn
            ? Invariant($"Customer came back on {returnedOn:d MMM yyyy}{spentText} (corrected from {earlier:d MMM yyyy})")
            : before is not null
                ? Invariant($"Customer came back on {returnedOn:d MMM yyyy}{spentText} (corrected)")
                : Invariant($"Customer came back on {returnedOn:d MMM yyyy}{spentText}");

        ReturnedOn = returnedOn;
        ReturnValue = value;
        ReturnCurrency = currency;
        Append(
            ctx,
            TimelineKinds.CustomerReturned,
            summary,
            fromStage: null,
            toStage: null,
            details: before is null ? Invariant($"none → {returnedOn:yyyy-MM-dd}") : Invariant($"{before:yyyy-MM-dd} → {returnedOn:yyyy-MM-dd}"));
        Raise(new CustomerReturned(Id, Reference, CustomerId, returnedOn, value, currency, before is not null, ctx.Now));
    }
}
