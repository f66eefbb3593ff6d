using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceRecovery.Domain.Surveys;

namespace ServiceRecovery.Web.Features.Survey;

/// <summary>After the survey: thank you, and what happens next. Its address holds no token; it shows nothing about a case.</summary>
[AllowAnonymous]
public sealed class Thanks : PageModel
{
    /// <summary>What the answer did (from the redirect); anything else shows the plain thank-you.</summary>
    [FromQuery(Name = "next")]
    public string? Next { get; set; }

    public SurveyAnswerEffect Effect => Enum.TryParse<SurveyAnswerEffect>(Next, ignoreCase: false, out var effect) && Enum.IsDefined(effect)
        ? effect
        : SurveyAnswerEffect.Recorded;

    public void OnGet()
    {
    }
}
