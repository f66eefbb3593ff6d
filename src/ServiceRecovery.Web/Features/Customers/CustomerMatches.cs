namespace ServiceRecovery.Web.Features.Customers;

/// <summary>Model of the <c>_CustomerMatches</c> partial.</summary>
public sealed record CustomerMatches(string? Term, IReadOnlyList<Search.Match> Matches);
