using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Infrastructure.Errors;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Cases;

/// <summary>Two people on one case, and one person pressing submit twice.</summary>
public sealed class ConcurrencyTests(WebFixture fixture) : WebTest(fixture)
{
    private readonly CaseDriver _cases = new(fixture);

    [Fact]
    public async Task The_second_of_two_steps_built_from_the_same_version_is_refused_and_writes_nothing()
    {
        var reference = await _cases.LogAtAsync(Stage.Apologized);
        var listen = await _cases.PrepareAsync(reference, new Listen.Command { CustomerFeels = "Angry." });
        var withdraw = await _cases.PrepareAsync(reference, new Withdraw.Command { Reason = WithdrawReason.Duplicate, Note = "Duplicate." });
        Assert.Equal((listen.Version, listen.SeenSequence), (withdraw.Version, withdraw.SeenSequence));

        Assert.False((await Fixture.SendAsync(listen, CaseDriver.Frontline)).WasAlreadyRecorded);
        var afterFirst = await _cases.SnapshotAsync(reference);

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Fixture.SendAsync(withdraw, CaseDriver.Supervisor));

        Assert.StartsWith("This case changed while you were working", ex.Message, StringComparison.Ordinal);
        Assert.Equal(afterFirst, await _cases.SnapshotAsync(reference));
        Assert.Equal(Stage.Listened, afterFirst.Stage);
        Assert.DoesNotContain(await _cases.TimelineAsync(reference), t => t.Kind == TimelineKinds.Withdrawn);
    }

    [Fact]
    public async Task Two_people_recording_the_same_step_from_the_same_version_record_it_once()
    {
        var reference = await _cases.LogAtAsync(Stage.Apologized);
        var fran = await _cases.PrepareAsync(reference, new Listen.Command { CustomerFeels = "Fran's note." });
        var sam = await _cases.PrepareAsync(reference, new Listen.Command { CustomerFeels = "Sam's note." });

        await Fixture.SendAsync(fran, CaseDriver.Frontline);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Fixture.SendAsync(sam, CaseDriver.Supervisor));

        var saved = await _cases.CaseAsync(reference);
        Assert.Equal("Fran's note.", saved.ListeningNote?.CustomerFeels);
        Assert.Single(await _cases.TimelineAsync(reference), t => t.Kind == TimelineKinds.Listened);
    }

    [Fact]
    public async Task A_stale_row_version_is_refused_even_when_the_timeline_position_matches()
    {
        // Two saves racing past the timeline check: xmin is what catches the second.
        var reference = await _cases.LogAtAsync(Stage.Logged);
        var (staleVersion, _) = await _cases.PositionAsync(reference);
        await _cases.SendStepAsync(reference, _cases.StepInto(Stage.Apologized));
        var before = await _cases.SnapshotAsync(reference);
        var listen = await _cases.PrepareAsync(reference, new Listen.Command { CustomerFeels = "Angry." });
        listen.Version = staleVersion;

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Fixture.SendAsync(listen, CaseDriver.Frontline));

        Assert.IsType<DbUpdateConcurrencyException>(conflict.InnerException);

        Assert.Equal(before, await _cases.SnapshotAsync(reference));
    }

    [Fact]
    public async Task Two_steps_saved_at_the_same_moment_record_one_and_refuse_the_other_as_a_conflict()
    {
        for (var round = 0; round < 5; round++)
        {
            var reference = await _cases.LogAtAsync(Stage.Apologized);
            var fran = await _cases.PrepareAsync(reference, new Listen.Command { CustomerFeels = "Fran's note." });
            var sam = await _cases.PrepareAsync(reference, new Listen.Command { CustomerFeels = "Sam's note." });

            var results = await Task.WhenAll(Outcome(fran, CaseDriver.Frontline), Outcome(sam, CaseDriver.Supervisor));

            Assert.Single(results, r => r == "Recorded");
            Assert.Single(results, r => r == nameof(ConcurrencyConflictException));
            Assert.Single(await _cases.TimelineAsync(reference), t => t.Kind == TimelineKinds.Listened);
        }

        async Task<string> Outcome(Listen.Command command, string email)
        {
            try
            {
                return (await Fixture.SendAsync(command, email)).WasAlreadyRecorded ? "Already recorded" : "Recorded";
            }
            catch (Exception ex) when (ex is ConcurrencyConflictException or DbUpdateException)
            {
                return ex.GetType().Name + (ex is ConcurrencyConflictException ? "" : ": " + ex.GetBaseException().Message);
            }
        }
    }

    [Fact]
    public async Task The_same_step_sent_twice_is_recorded_once()
    {
        var reference = await _cases.LogAtAsync(Stage.Logged);
        var apologize = await _cases.PrepareAsync(reference, (Apologize.Command)_cases.StepInto(Stage.Apologized));

        var first = await Fixture.SendAsync(apologize, CaseDriver.Frontline);
        var afterFirst = await _cases.SnapshotAsync(reference);
        var second = await Fixture.SendAsync(apologize, CaseDriver.Frontline);

        Assert.False(first.WasAlreadyRecorded);
        Assert.True(second.WasAlreadyRecorded);
        Assert.Equal(afterFirst, await _cases.SnapshotAsync(reference));
        var entry = Assert.Single(await _cases.TimelineAsync(reference), t => t.Kind == TimelineKinds.Apologized);
        Assert.Equal(apologize.RequestId, entry.RequestId);
    }

    [Fact]
    public async Task A_request_id_already_recorded_on_the_case_is_not_recorded_again_for_another_step()
    {
        var reference = await _cases.LogAtAsync(Stage.Logged);
        var apologize = await _cases.PrepareAsync(reference, (Apologize.Command)_cases.StepInto(Stage.Apologized));
        await Fixture.SendAsync(apologize, CaseDriver.Frontline);
        var before = await _cases.SnapshotAsync(reference);
        var listen = await _cases.PrepareAsync(reference, new Listen.Command { CustomerFeels = "Angry." });
        listen.RequestId = apologize.RequestId;

        Assert.True((await Fixture.SendAsync(listen, CaseDriver.Frontline)).WasAlreadyRecorded);

        Assert.Equal(before, await _cases.SnapshotAsync(reference));
    }

    [Fact]
    public async Task Submitting_the_same_step_form_twice_redirects_both_times_and_records_once()
    {
        var reference = await _cases.LogAtAsync(Stage.Apologized);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);
        var url = $"/cases/{reference}/listen";
        var form = await browser.GetPageAsync(url);
        var fields = new Dictionary<string, string> { ["Data.CustomerFeels"] = "Cold and ignored." };

        var first = await browser.SubmitFormAsync(form, fields, "main form", url);
        var second = await browser.SubmitFormAsync(form, fields, "main form", url);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal($"/cases/{reference}", first.Headers.Location?.OriginalString);
        Assert.Equal($"/cases/{reference}", second.Headers.Location?.OriginalString);
        Assert.Single(await _cases.TimelineAsync(reference), t => t.Kind == TimelineKinds.Listened);
        var casePage = await browser.GetPageAsync($"/cases/{reference}");
        Assert.Equal("That was already recorded — nothing was added twice.", casePage.QuerySelector("[data-testid=flash]")?.TextContent.Trim());
    }

    [Fact]
    public async Task Double_clicking_submit_sends_two_posts_at_once_and_both_land_on_the_case_with_one_entry()
    {
        for (var round = 0; round < 5; round++)
        {
            var reference = await _cases.LogAtAsync(Stage.Apologized);
            using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);
            var url = $"/cases/{reference}/listen";
            var form = await browser.GetPageAsync(url);
            var fields = new Dictionary<string, string> { ["Data.CustomerFeels"] = "Cold and ignored." };

            var responses = await Task.WhenAll(
                browser.SubmitFormAsync(form, fields, "main form", url),
                browser.SubmitFormAsync(form, fields, "main form", url));

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
            Assert.Single(await _cases.TimelineAsync(reference), t => t.Kind == TimelineKinds.Listened);
        }
    }

    [Fact]
    public async Task A_conflicting_listen_shows_what_changed_and_keeps_what_was_typed()
    {
        var reference = await _cases.LogAtAsync(Stage.Apologized);
        using var fran = await Fixture.SignInAsync(CaseDriver.Frontline);
        using var sam = await Fixture.SignInAsync(CaseDriver.Supervisor);
        var url = $"/cases/{reference}/listen";
        var franForm = await fran.GetPageAsync(url);
        var samForm = await sam.GetPageAsync(url);

        var franPost = await fran.SubmitFormAsync(franForm, new Dictionary<string, string> { ["Data.CustomerFeels"] = "Fran heard them out." }, "main form", url);
        var samPost = await sam.SubmitFormAsync(samForm, new Dictionary<string, string> { ["Data.CustomerFeels"] = "Sam's own notes, typed slowly." }, "main form", url);

        Assert.Equal(HttpStatusCode.Redirect, franPost.StatusCode);
        Assert.Equal(HttpStatusCode.OK, samPost.StatusCode);
        var page = await TestBrowser.ReadAsync(samPost);
        AssertConflictShown(page, "Listened to the customer");
        Assert.Equal("Sam's own notes, typed slowly.", page.QuerySelector("textarea[name='Data.CustomerFeels']")?.TextContent);
        Assert.Equal("Fran heard them out.", (await _cases.CaseAsync(reference)).ListeningNote?.CustomerFeels);
    }

    [Fact]
    public async Task A_conflicting_withdrawal_shows_what_changed_keeps_the_note_and_can_be_sent_again()
    {
        var reference = await _cases.LogAtAsync(Stage.Apologized);
        using var fran = await Fixture.SignInAsync(CaseDriver.Frontline);
        using var sam = await Fixture.SignInAsync(CaseDriver.Supervisor);
        var samForm = await sam.GetPageAsync($"/cases/{reference}/withdraw");
        var franPost = await fran.SubmitFormAsync($"/cases/{reference}/listen", new Dictionary<string, string> { ["Data.CustomerFeels"] = "Fran heard them out." });
        Assert.Equal(HttpStatusCode.Redirect, franPost.StatusCode);

        var samPost = await sam.SubmitFormAsync(samForm,
            new Dictionary<string, string> { ["Data.Reason"] = "Duplicate", ["Data.Note"] = "Same as the case logged at the desk." }, "main form", $"/cases/{reference}/withdraw");

        Assert.Equal(HttpStatusCode.OK, samPost.StatusCode);
        var page = await TestBrowser.ReadAsync(samPost);
        AssertConflictShown(page, "Listened to the customer");
        Assert.Equal("Same as the case logged at the desk.", page.QuerySelector("textarea[name='Data.Note']")?.TextContent);
        Assert.Equal(Stage.Listened, (await _cases.CaseAsync(reference)).Stage);

        // The form now carries the latest version: sending it again, as it is, withdraws the case.
        var again = await sam.SubmitFormAsync(page, new Dictionary<string, string>(), "main form", $"/cases/{reference}/withdraw");

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var saved = await _cases.CaseAsync(reference);
        Assert.Equal(Stage.Withdrawn, saved.Stage);
        Assert.Equal("Same as the case logged at the desk.", saved.ClosingNote);
    }

    private static void AssertConflictShown(IHtmlDocument page, string otherChange)
    {
        Assert.Contains("changed while you were working", page.QuerySelector("[data-testid=form-errors]")?.TextContent, StringComparison.Ordinal);
        var changes = page.QuerySelector("[data-testid=case-changed]");
        Assert.NotNull(changes);
        var lines = changes.QuerySelectorAll("[data-testid=timeline] li");
        var line = Assert.Single(lines);
        Assert.Contains(otherChange, line.TextContent, StringComparison.Ordinal);
        Assert.Contains(CaseDriver.FrontlineName, line.TextContent, StringComparison.Ordinal);
    }
}
