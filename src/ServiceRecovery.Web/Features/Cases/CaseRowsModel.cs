namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Model of the <c>_CaseRows</c> partial.</summary>
public sealed record CaseRowsModel(string Caption, IReadOnlyList<Mine.Row> Rows, DateTimeOffset Now);
