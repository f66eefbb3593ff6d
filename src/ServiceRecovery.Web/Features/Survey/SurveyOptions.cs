namespace ServiceRecovery.Web.Features.Survey;

/// <summary>Survey links (section <c>Survey</c>).</summary>
public sealed class SurveyOptions
{
    public const string Section = "Survey";

    /// <summary>How long a survey link works after it is issued.</summary>
    public int ValidForDays { get; set; } = 30;

    public TimeSpan ValidFor => TimeSpan.FromDays(ValidForDays);
}
