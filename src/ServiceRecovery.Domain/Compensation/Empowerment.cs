using System.Globalization;

namespace ServiceRecovery.Domain.Compensation;

/// <summary>
/// How much one person may grant to one customer now: their limit, measured against running totals and not
/// gesture by gesture (ADR 0009). A gesture fits only if the case's granted gestures plus the new one, and the
/// customer's granted total in the abuse window plus the new one, both stay within <see cref="Limit"/>; for a
/// proposer, a flagged customer needs a supervisor whatever the amount.
/// </summary>
/// <param name="Limit">The person's atonement limit, in <see cref="Currency"/>.</param>
/// <param name="Customer">The customer's granted compensation, read under the customer's lock.</param>
public sealed record Empowerment(decimal Limit, string Currency, CustomerCompensation Customer, AbusePolicy Policy)
{
    public bool CustomerIsFlagged => Policy.IsFlagged(Customer.FlagGestures, Customer.FlagAmount);

    public string FlagExplanation => Policy.Explain(Customer.FlagGestures, Customer.FlagAmount, Currency);

    /// <summary>
    /// Why a proposal of <paramref name="amount"/> must wait for a supervisor, or null when the proposer may give it.
    /// <paramref name="grantedOnCase"/> is what the case has already granted.
    /// </summary>
    public string? WhyApprovalIsNeeded(decimal grantedOnCase, decimal amount)
    {
        if (CustomerIsFlagged)
        {
            return "the customer is flagged: " + FlagExplanation;
        }

        return AboveLimit(grantedOnCase, amount, "the proposer's limit");
    }

    /// <summary>Why an approver may not grant <paramref name="amount"/> themselves, or null when it is within their limit.</summary>
    public string? WhyAboveApproverLimit(decimal grantedOnCase, decimal amount) => AboveLimit(grantedOnCase, amount, "your approval limit");

    private string? AboveLimit(decimal grantedOnCase, decimal amount, string whose)
    {
        if (grantedOnCase + amount > Limit)
        {
            return grantedOnCase > 0m
                ? Invariant($"with {grantedOnCase:0.00} {Currency} already granted on this case, the total of {grantedOnCase + amount:0.00} {Currency} is above {whose} of {Limit:0.00} {Currency}")
                : Invariant($"above {whose} of {Limit:0.00} {Currency}");
        }

        if (Customer.GrantedInWindow + amount > Limit)
        {
            return Invariant($"with {Customer.GrantedInWindow:0.00} {Currency} granted to this customer in the last {Policy.WindowDays} days, the total of {Customer.GrantedInWindow + amount:0.00} {Currency} is above {whose} of {Limit:0.00} {Currency}");
        }

        return null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
