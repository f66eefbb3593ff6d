using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Surveys;

/// <summary>
/// What the customer answered on the survey page: "Have we fixed everything for you?", an optional comment, CSAT
/// (1–5, "How satisfied are you with how we handled it?"), NPS (0–10, "How likely are you to recommend us to a friend?")
/// and whether they would like us to contact them. <see cref="Check"/> enforces the ranges and the comment's limits.
/// </summary>
public sealed record SurveyAnswer(bool Fixed, string? Comment, int Csat, int Nps, bool WantsContact)
{
    public const int MinCsat = 1;
    public const int MaxCsat = 5;
    public const int MinNps = 0;
    public const int MaxNps = 10;

    /// <summary>The answer with its comment trimmed (null when empty), or a refusal naming the field.</summary>
    public SurveyAnswer Check()
    {
        if (Csat is < MinCsat or > MaxCsat)
        {
            throw new DomainException("Choose how satisfied you are, from 1 to 5.", "survey.csat_range");
        }

        Nps.CheckNps("How likely you are to recommend us");
        return this with { Comment = Guard.Optional(Comment, "Your comment") };
    }
}

/// <summary>Net Promoter Score input: 0 to 10.</summary>
public static class NpsScore
{
    public static int CheckNps(this int score, string field) => score is >= SurveyAnswer.MinNps and <= SurveyAnswer.MaxNps
        ? score
        : throw new DomainException($"{field} is a number from 0 to 10.", "survey.nps_range");
}
