using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Customers;

/// <summary>The languages the customer-facing pages and messages are written in (two-letter ISO 639-1 codes).</summary>
public static class CustomerLanguages
{
    public const string English = "en";

    public const string Vietnamese = "vi";

    public const string Default = English;

    public static IReadOnlyList<string> All { get; } = [English, Vietnamese];

    public static bool IsSupported(string? language) => language is English or Vietnamese;

    public static string Require(string? language) => IsSupported(language)
        ? language!
        : throw new DomainException($"We write to customers in English or Vietnamese, not \"{language}\".", "customer.unsupported_language");
}
