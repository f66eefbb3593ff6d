using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Infrastructure.Startup;
using ServiceRecovery.Web.Tests.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Foundation;

/// <summary>
/// Times are local to the organisation (and the SLA calendar to its own zone), but PostgreSQL's timestamptz takes UTC
/// only: a complaint logged in British Summer Time, with deadlines worked out in New York's business hours, is saved,
/// reads back as the same instants, and is shown in the organisation's time.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class TimeZoneTests(WebFixture fixture) : WebTest(fixture)
{
    /// <summary>15 July 2026, 09:30 UTC: 10:30 in London (UTC+1), 05:30 in New York (UTC−4).</summary>
    private static readonly DateTimeOffset Summer = new(2026, 7, 15, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_complaint_and_its_steps_are_saved_in_summer_time_with_a_calendar_in_another_zone()
    {
        await Fixture.ExecuteSqlAsync("UPDATE sla_settings SET time_zone_id = 'America/New_York', business_hours = 'Mon-Fri 09:00-17:00'");
        await using var factory = new AppFactory(Fixture.Database.AppConnectionString)
        {
            ExtraServices = s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(new FixedClock(Summer))),
        };
        using var browser = new TestBrowser(factory.CreateBrowserClient());
        await browser.SignInAsync(CaseDriver.Frontline, DemoData.Password);

        var logged = await browser.SubmitFormAsync("/cases/new", new Dictionary<string, string>
        {
            ["Data.CustomerName"] = "Mai Tran",
            ["Data.CustomerEmail"] = "mai.tran@example.com",
            ["Data.Channel"] = "Phone",
            ["Data.Category"] = CaseDriver.Category,
            ["Data.Severity"] = "Major",
            ["Data.WhatHappened"] = "The air conditioning failed on the hottest night of the year.",
        }, "#log-form");

        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
        var reference = logged.Headers.Location!.OriginalString["/cases/".Length..];
        var cases = new CaseDriver(Fixture);
        var outcome = await WebFixture.SendAsync(
            factory.Services, await cases.PrepareAsync(reference, new Apologize.Command { Words = "I am so sorry about last night." }), CaseDriver.Frontline);
        Assert.False(outcome.WasAlreadyRecorded);

        var saved = await Fixture.QueryAsync(db => db.Cases.AsNoTracking().Include(c => c.Apology).SingleAsync(c => c.Reference == reference));
        Assert.Equal(Summer, saved.OpenedAt);
        Assert.Equal(Summer, saved.Apology!.At);
        // The first response was due by the calendar's next opening plus the target: 09:00 in New York is 13:00 UTC.
        Assert.NotNull(saved.FirstRespondedAt);
        Assert.True(saved.SlaDueAt > Summer, $"Resolution due {saved.SlaDueAt:O}");
        Assert.Equal(TimeSpan.Zero, saved.SlaDueAt!.Value.Offset);

        // Stored in UTC, shown in the organisation's time: the timeline says 10:30, as the clock on the wall did.
        var page = await browser.GetPageAsync($"/cases/{reference}");
        var shown = page.QuerySelectorAll("time").Select(e => e.TextContent.Trim()).ToList();
        Assert.Contains("15 Jul 10:30", shown);
        Assert.DoesNotContain("15 Jul 09:30", shown);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
