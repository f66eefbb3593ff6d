namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Model of the <c>_CaseHeader</c> partial.</summary>
/// <param name="OfferOwnerChange">Link to the assign page next to the owner (on the case page, not on the step pages).</param>
public sealed record CaseHeaderModel(CaseView Case, DateTimeOffset Now, bool OfferOwnerChange = false);
