using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Surveys;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Survey;

/// <summary>
/// Issues survey links on a case (128 random bits from <see cref="RandomNumberGenerator"/>; the case keeps only their
/// hash) and writes the address the customer opens: <c>{App:PublicBaseUrl}/s/{token}?lang=xx</c>. ADR 0016.
/// </summary>
public sealed class SurveyLinks(IOptions<SurveyOptions> survey, IOptions<AppOptions> app)
{
    /// <summary>Issues a link; the returned address holds the only copy of the token.</summary>
    public string Issue(RecoveryCase recoveryCase, string language, SurveyIssueReason reason, ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(recoveryCase);
        Span<byte> random = stackalloc byte[SurveyToken.RandomBytes];
        RandomNumberGenerator.Fill(random);
        var token = recoveryCase.IssueSurveyInvitation(random, language, reason, survey.Value.ValidFor, ctx);
        CryptographicOperations.ZeroMemory(random);
        return app.Value.Link($"/s/{token}?lang={language}");
    }
}
