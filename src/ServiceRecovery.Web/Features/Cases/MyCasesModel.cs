namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Model of the <c>_MyCases</c> partial (My cases page and the frontline home).</summary>
public sealed record MyCasesModel(Mine.Result Cases, DateTimeOffset Now);
