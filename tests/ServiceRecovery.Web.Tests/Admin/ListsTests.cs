using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Admin;

public sealed class ListsTests(WebFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task An_admin_adds_a_category_and_it_is_offered_on_the_intake_form()
    {
        using var admin = await Fixture.SignInAsync("admin@demo.test");

        var response = await admin.SubmitFormAsync("/admin/categories", new Dictionary<string, string> { ["Data.Name"] = "Spa and wellness", ["Data.SortOrder"] = "5" }, "form[data-testid=add-category]");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var intake = await admin.GetPageAsync("/cases/new");
        var options = intake.QuerySelectorAll("#Data_Category option").Select(o => o.TextContent).ToList();
        Assert.Equal("Spa and wellness", options[1]); // order 5 comes before the defaults (10, 20, ...)
        Assert.Equal("category.added", await Fixture.QueryAsync(db => db.AuditEntries.Where(a => a.Subject == "Spa and wellness").Select(a => a.Action).SingleAsync()));
    }

    [Fact]
    public async Task A_retired_category_is_no_longer_offered_and_a_duplicate_name_is_refused()
    {
        using var admin = await Fixture.SignInAsync("admin@demo.test");
        var noise = await Fixture.QueryAsync(db => db.Categories.SingleAsync(c => c.Name == "Noise"));

        await admin.SubmitFormAsync("/admin/categories", new Dictionary<string, string> { ["Data.IsActive"] = "false" }, $"form:has(input[name='Data.Id'][value='{noise.Id}'])");
        var duplicate = await admin.SubmitFormAsync("/admin/categories", new Dictionary<string, string> { ["Data.Name"] = "Cleanliness" }, "form[data-testid=add-category]");

        var intake = await admin.GetPageAsync("/cases/new");
        Assert.DoesNotContain("Noise", intake.QuerySelectorAll("#Data_Category option").Select(o => o.TextContent));
        var page = await TestBrowser.ReadAsync(duplicate);
        Assert.Equal("There is already a category “Cleanliness”.", page.QuerySelector("[data-testid=field-error]")?.TextContent);
        Assert.Equal(1, await Fixture.QueryAsync(db => db.Categories.CountAsync(c => c.Name == "Cleanliness")));
    }

    [Fact]
    public async Task A_coaching_phrase_added_by_an_admin_is_flagged_in_the_next_apology()
    {
        using var admin = await Fixture.SignInAsync("admin@demo.test");
        await admin.SubmitFormAsync("/admin/coaching", new Dictionary<string, string>
        {
            ["Data.Avoid"] = "as per our terms",
            ["Data.Suggestion"] = "Let me see what I can do",
            ["Data.Why"] = "Quoting terms tells the customer the rules matter more than they do.",
        }, "form[data-testid=add-phrase]");

        var phrases = await Fixture.QueryAsync(db => db.CoachingPhrases.Select(p => p.Avoid).ToListAsync());
        Assert.Contains("as per our terms", phrases);
        var hints = ServiceRecovery.Domain.Cases.ApologyCoach.Review("Sorry, but as per our terms the room is yours at 3pm.",
            await Fixture.QueryAsync(db => db.CoachingPhrases.Where(p => p.IsActive).Select(p => p.ToPhrase()).ToListAsync()));
        Assert.Contains(hints, h => h.Suggestion == "Let me see what I can do");
    }

    [Theory]
    [InlineData("/admin/categories")]
    [InlineData("/admin/coaching")]
    public async Task Lists_are_for_admins_only(string url)
    {
        using var frontline = await Fixture.SignInAsync("frontline@demo.test");

        Assert.Equal(HttpStatusCode.Forbidden, (await frontline.GetAsync(url)).StatusCode);
    }
}

public sealed class SlaPolicyTests(WebFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task Changing_the_sla_policy_recomputes_open_cases_and_is_audited()
    {
        var reference = await Fixture.SendAsync(new ServiceRecovery.Web.Features.Cases.New.Command
        {
            CustomerName = "Sol Policy", CustomerPhone = "+44 20 7946 0001", Channel = ServiceRecovery.Domain.Cases.Channel.Phone,
            Category = "Noise", Severity = ServiceRecovery.Domain.Cases.Severity.Critical, WhatHappened = "Fire alarm at 3am.", AssignToMe = true, RequestId = Guid.NewGuid(),
        }, "frontline@demo.test");
        var before = await Fixture.QueryAsync(db => db.Cases.Where(c => c.Reference == reference).Select(c => new { c.OpenedAt, c.SlaDueAt }).SingleAsync());
        Assert.Equal(before.OpenedAt.AddHours(1), before.SlaDueAt);
        using var admin = await Fixture.SignInAsync("admin@demo.test");

        var response = await admin.SubmitFormAsync("/admin/sla", new Dictionary<string, string> { ["Data.Targets[0].FirstResponseHours"] = "2" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await Fixture.QueryAsync(db => db.Cases.Where(c => c.Reference == reference).Select(c => c.SlaDueAt).SingleAsync());
        Assert.Equal(before.OpenedAt.AddHours(2), after);
        Assert.Equal("sla.changed", await Fixture.QueryAsync(db => db.AuditEntries.Select(a => a.Action).SingleAsync()));
    }

    [Fact]
    public async Task Bad_business_hours_or_time_zone_are_refused_with_a_message()
    {
        using var admin = await Fixture.SignInAsync("admin@demo.test");

        var response = await admin.SubmitFormAsync("/admin/sla", new Dictionary<string, string> { ["Data.BusinessHours"] = "weekdays 9 to 5", ["Data.TimeZoneId"] = "Mars/Olympus" });

        var text = (await TestBrowser.ReadAsync(response)).QuerySelectorAll("[data-testid=field-error]").Select(e => e.TextContent).ToList();
        Assert.Contains("Write 24x7, or days and hours such as: Mon-Fri 09:00-17:00; Sat 10:00-14:00.", text);
        Assert.Contains("Use a time zone id such as Europe/London or America/New_York.", text);
        Assert.Equal("24x7", await Fixture.QueryAsync(db => db.SlaSettings.Select(s => s.BusinessHours).SingleAsync()));
    }
}
