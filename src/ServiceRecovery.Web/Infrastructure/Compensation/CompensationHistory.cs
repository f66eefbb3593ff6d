namespace ServiceRecovery.Web.Infrastructure.Compensation;

public sealed record CompensationHistory(int Gestures, decimal Total, string Currency);
