using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Infrastructure.Messaging;
using ServiceRecovery.Web.Tests.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Survey;

/// <summary>Survey links as the customer gets them: taken from the survey-invitation messages in outbox_messages.</summary>
internal sealed partial class SurveyDriver(WebFixture fixture)
{
    public CaseDriver Cases { get; } = new(fixture);

    /// <summary>A case owned by Fran, walked to follow-up (which sends the link); the customer's language set first.</summary>
    public async Task<string> AtFollowUpAsync(string language = "en", string? email = "priya.shah@example.com", string customerName = "Priya Shah")
    {
        var reference = await Cases.LogAsync(command: CaseDriver.Complaint(customerName, email, email is null ? "+44 20 7946 0000" : null));
        await fixture.ExecuteSqlAsync($"UPDATE customers SET language = '{language}' WHERE id = (SELECT customer_id FROM recovery_cases WHERE reference = '{reference}')");
        await Cases.WalkToAsync(reference, Stage.FollowUpDue);
        return reference;
    }

    public Task<List<OutboxMessage>> MessagesAsync(string reference, string kind) => fixture.QueryAsync(db =>
        db.OutboxMessages.AsNoTracking()
            .Where(m => m.Kind == kind && db.Cases.Any(c => c.Id == m.CaseId && c.Reference == reference))
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .ToListAsync());

    /// <summary>The path and query of the link in the latest survey message of the case (what the customer clicks).</summary>
    public async Task<string> LinkAsync(string reference)
    {
        var message = (await MessagesAsync(reference, MessageKinds.SurveyInvitation)).Last();
        return PathOf(message.TextBody);
    }

    public static string PathOf(string text)
    {
        var match = LinkPattern().Match(text);
        Assert.True(match.Success, "No survey link in: " + text);
        return match.Groups["path"].Value;
    }

    public static string TokenOf(string path) => LinkPattern().Match(path).Groups["token"].Value;

    public static Dictionary<string, string> Answer(bool fixedIt, string? comment = null, int csat = 4, int nps = 8, bool contact = false) => new()
    {
        ["Data.Fixed"] = fixedIt ? "true" : "false",
        ["Data.Comment"] = comment ?? "",
        ["Data.Csat"] = csat.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Data.Nps"] = nps.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Data.WantsContact"] = contact ? "true" : "false",
    };

    [GeneratedRegex(@"(?<path>/s/(?<token>[A-Za-z0-9_-]{22})\?lang=(en|vi))")]
    private static partial Regex LinkPattern();
}
