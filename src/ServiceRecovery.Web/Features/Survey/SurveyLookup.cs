using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Surveys;
using ServiceRecovery.Web.Data;

namespace ServiceRecovery.Web.Features.Survey;

/// <summary>
/// Finds a survey link by its token: SHA-256 of the token, looked up through the unique index, then compared in constant
/// time. A malformed token runs the same query with a hash nobody has, so a wrong, malformed or unknown token takes the
/// same path and gives the same answer: null (ADR 0016).
/// </summary>
public static class SurveyLookup
{
    /// <summary>A 32-byte value that is no SHA-256 anybody will find: the probe for a malformed token.</summary>
    private static readonly byte[] NoSuchHash = new byte[SurveyToken.HashBytes];

    public static async Task<Found?> FindAsync(AppDbContext db, string? token, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var hash = SurveyToken.HashOf(token);
        var probe = hash ?? NoSuchHash;
        var row = await db.Set<SurveyInvitation>().AsNoTracking()
            .Where(i => i.TokenHash == probe)
            .Join(db.Cases, i => i.CaseId, c => c.Id, (i, c) => new Found(i.Id, i.CaseId, c.Reference, c.Stage, i.Language, i.TokenHash, i.ExpiresAt, i.AnsweredAt, i.SupersededAt))
            .SingleOrDefaultAsync(ct);
        var matches = SurveyToken.Matches(probe, row?.TokenHash ?? NoSuchHash);
        return hash is not null && row is not null && matches ? row : null;
    }

    public sealed record Found(
        Guid InvitationId,
        Guid CaseId,
        string Reference,
        Stage Stage,
        string Language,
        byte[] TokenHash,
        DateTimeOffset ExpiresAt,
        DateTimeOffset? AnsweredAt,
        DateTimeOffset? SupersededAt)
    {
        public SurveyInvitationState StateAt(DateTimeOffset now) =>
            AnsweredAt is not null ? SurveyInvitationState.Answered
            : SupersededAt is not null ? SurveyInvitationState.Superseded
            : now >= ExpiresAt ? SurveyInvitationState.Expired
            : SurveyInvitationState.Open;
    }
}
