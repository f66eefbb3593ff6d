namespace ServiceRecovery.Domain.Customers;

/// <summary>How valuable the customer is to the business; atonement size follows it.</summary>
public enum CustomerTier
{
    Standard,
    Valued,
    Vip,
}
