namespace ServiceRecovery.Web.Infrastructure.Compensation;

public sealed record CustomerFlag(bool IsFlagged, int Gestures, decimal Amount, string Explanation, DateTimeOffset? ClearedAt, string? ClearedBy, string? ClearedReason);
