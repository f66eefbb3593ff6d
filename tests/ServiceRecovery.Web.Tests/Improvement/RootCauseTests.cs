using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Web.Features.Admin.Lists;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Infrastructure.Messaging;
using ServiceRecovery.Web.Tests.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Improvement;

/// <summary>Root causes on cases: the fix step asks for one, closing needs one, the owner hears of the close, the taxonomy is edited by an admin.</summary>
public sealed class RootCauseTests(WebFixture fixture) : WebTest(fixture)
{
    private readonly CaseDriver _cases = new(fixture);

    private async Task<string> FixedWithAsync(string cause)
    {
        var reference = await _cases.LogAtAsync(Stage.Listened);
        await _cases.SendStepAsync(reference, new Fix.Command { WhatWasDone = "Sorted.", RootCauseId = await _cases.CauseIdAsync(cause) });
        return reference;
    }

    [Fact]
    public async Task The_fix_page_offers_the_causes_by_group_with_the_categorys_most_frequent_first()
    {
        await FixedWithAsync("Noise");
        await FixedWithAsync("Noise");
        await FixedWithAsync("Maintenance");
        var reference = await _cases.LogAtAsync(Stage.Listened);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var page = await browser.GetPageAsync($"/cases/{reference}/fix");

        var groups = page.QuerySelectorAll("#Data_RootCauseId optgroup").ToList();
        Assert.Equal(RootCauseChoices.SuggestedGroup, groups[0].GetAttribute("label"));
        Assert.Equal(["Facility › Noise", "Facility › Maintenance"], groups[0].QuerySelectorAll("option").Select(o => o.TextContent));
        Assert.Equal(["People", "Process", "Facility", "Product", "IT system", "Third party", "Policy"], groups.Skip(1).Select(g => g.GetAttribute("label")));
        Assert.Contains("IT system", groups.Single(g => g.GetAttribute("label") == "IT system").QuerySelectorAll("option").Select(o => o.TextContent));
        Assert.Equal("", page.QuerySelector("#Data_RootCauseId option")?.GetAttribute("value")); // "Choose…" first, nothing pre-chosen
    }

    [Fact]
    public async Task The_fix_page_requires_the_cause_and_saves_it_with_a_timeline_entry()
    {
        var reference = await _cases.LogAtAsync(Stage.Listened);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var refused = await browser.SubmitFormAsync($"/cases/{reference}/fix", new Dictionary<string, string> { ["Data.WhatWasDone"] = "Moved room." });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Choose the root cause", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(Stage.Listened, (await _cases.CaseAsync(reference)).Stage);

        var handOff = await _cases.CauseIdAsync("Hand-off");
        var saved = await browser.SubmitFormAsync($"/cases/{reference}/fix", new Dictionary<string, string>
        {
            ["Data.WhatWasDone"] = "Moved room.", ["Data.RootCauseId"] = handOff.ToString(), ["Data.RootCauseNote"] = "Night shift missed the note.",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var c = await _cases.CaseAsync(reference);
        Assert.Equal(Stage.Fixed, c.Stage);
        Assert.Equal(handOff, c.RootCauseId);
        Assert.Equal("Night shift missed the note.", c.RootCauseNote);
        var entry = (await _cases.TimelineAsync(reference)).Single(t => t.Kind == TimelineKinds.RootCauseClassified);
        Assert.Equal("none → Process › Hand-off", entry.Details);
    }

    [Fact]
    public async Task Closing_a_case_without_a_cause_is_refused_on_the_page_and_by_the_command_until_one_is_recorded()
    {
        var reference = await _cases.LogAtAsync(Stage.FollowUpDue);
        // A case from before root causes existed.
        await Fixture.ExecuteSqlAsync($"UPDATE recovery_cases SET root_cause_id = NULL WHERE reference = '{reference}'");
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var page = await browser.SubmitFormAsync($"/cases/{reference}/follow-up/outcome?outcome=Satisfied", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Record the root cause before closing", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var command = await Assert.ThrowsAsync<DomainException>(() => _cases.SendStepAsync(reference, new CloseUnsatisfied.Command { Note = "Nothing is enough." }));
        Assert.Equal(RecoveryCase.RootCauseRequiredCode, command.Code);
        Assert.Equal(Stage.FollowUpDue, (await _cases.CaseAsync(reference)).Stage);

        var set = await browser.SubmitFormAsync($"/cases/{reference}/root-cause", new Dictionary<string, string> { ["Data.RootCauseId"] = (await _cases.CauseIdAsync("Booking")).ToString() });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        await _cases.SendStepAsync(reference, new CloseUnsatisfied.Command { Note = "Nothing is enough." });
        Assert.Equal(CaseOutcome.Unsatisfied, (await _cases.CaseAsync(reference)).Outcome);
    }

    [Fact]
    public async Task A_withdrawn_case_needs_no_cause()
    {
        var reference = await _cases.LogAtAsync(Stage.Withdrawn);
        var c = await _cases.CaseAsync(reference);
        Assert.Equal(CaseOutcome.Withdrawn, c.Outcome);
        Assert.Null(c.RootCauseId);
    }

    [Fact]
    public async Task The_owner_gets_an_outbox_message_and_sees_the_case_on_their_home_page_when_a_case_with_their_cause_closes()
    {
        var mine = await FixedWithAsync("Hand-off");
        var nobodys = await FixedWithAsync("Training");
        foreach (var reference in new[] { mine, nobodys })
        {
            await _cases.SendStepAsync(reference, _cases.StepInto(Stage.Atoned));
            await _cases.SendStepAsync(reference, _cases.StepInto(Stage.FollowUpDue));
            await _cases.SendStepAsync(reference, new Features.Cases.FollowUpOutcome.Command { Outcome = Domain.Cases.FollowUpOutcome.Satisfied });
        }

        var messages = await Fixture.QueryAsync(db => db.OutboxMessages.Where(m => m.Kind == MessageKinds.RootCauseCaseClosed).ToListAsync());
        var message = Assert.Single(messages);
        Assert.Equal("owner@demo.test", message.ToAddress);
        Assert.Equal("en", message.Language);
        Assert.Equal($"Case {mine} closed: Process › Hand-off", message.Subject);
        Assert.Equal((await _cases.CaseAsync(mine)).Id, message.CaseId);

        using var owner = await Fixture.SignInAsync("owner@demo.test");
        var home = await owner.GetPageAsync("/");
        var closed = home.QuerySelector("[data-testid=closed-with-my-causes]")?.TextContent ?? "";
        Assert.Contains(mine, closed, StringComparison.Ordinal);
        Assert.DoesNotContain(nobodys, closed, StringComparison.Ordinal);
        Assert.NotNull(home.QuerySelector("a[href='/improvement']"));
    }

    [Fact]
    public async Task An_admin_adds_renames_and_retires_a_cause_and_old_timeline_entries_keep_the_old_name()
    {
        var reference = await FixedWithAsync("Booking");
        using var admin = await Fixture.SignInAsync("admin@demo.test");
        var process = await Fixture.QueryAsync(db => db.RootCauseGroups.Where(g => g.Name == "Process").Select(g => g.Id).SingleAsync());
        var booking = await _cases.CauseIdAsync("Booking");

        var added = await admin.SubmitFormAsync("/admin/root-causes", new Dictionary<string, string> { ["Data.Name"] = "Check-out" }, "form[data-testid=add-leaf]");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.True(await Fixture.QueryAsync(db => db.RootCauses.AnyAsync(c => c.Name == "Check-out")));

        var list = await admin.GetPageAsync("/admin/root-causes");
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)list.GetElementById($"name-{booking:N}")!.Closest("form")!;
        var renamed = await admin.SubmitAsync(form, new Dictionary<string, string> { ["Data.Name"] = "Reservations" }, "/admin/root-causes");
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);

        var c = await _cases.CaseAsync(reference);
        Assert.Equal(booking, c.RootCauseId); // the case still points at the cause, now named Reservations
        Assert.Equal("Reservations", await Fixture.QueryAsync(db => db.RootCauses.Where(r => r.Id == booking).Select(r => r.Name).SingleAsync()));
        Assert.Equal("none → Process › Booking", (await _cases.TimelineAsync(reference)).Single(t => t.Kind == TimelineKinds.RootCauseClassified).Details);
        var audit = await Fixture.QueryAsync(db => db.AuditEntries.Where(a => a.Action == "root_cause.renamed").ToListAsync());
        Assert.Contains("Booking → Reservations", Assert.Single(audit).Details, StringComparison.Ordinal);

        await Fixture.SendAsync(new RootCauses.Save { Id = booking, GroupId = process, Name = "Reservations", SortOrder = 20, IsActive = false }, "admin@demo.test");

        var next = await _cases.LogAtAsync(Stage.Listened);
        var fix = await admin.GetPageAsync($"/cases/{next}/fix");
        var offered = fix.QuerySelectorAll("#Data_RootCauseId option").Select(o => o.TextContent).ToList();
        Assert.DoesNotContain("Process › Reservations", offered);
        Assert.Contains("People › Check-out", offered);
        var refused = await Assert.ThrowsAsync<DomainException>(() => _cases.SendStepAsync(next, new Fix.Command { WhatWasDone = "x", RootCauseId = booking }));
        Assert.Equal("case.root_cause_inactive", refused.Code);
    }

    [Fact]
    public async Task Only_a_user_holding_the_process_owner_role_can_own_a_cause()
    {
        var handOff = await _cases.CauseIdAsync("Hand-off");
        var process = await Fixture.QueryAsync(db => db.RootCauseGroups.Where(g => g.Name == "Process").Select(g => g.Id).SingleAsync());
        var manager = await _cases.UserIdAsync(CaseDriver.Manager);

        var refused = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => Fixture.SendAsync(
            new RootCauses.Save { Id = handOff, GroupId = process, Name = "Hand-off", SortOrder = 10, IsActive = true, ProcessOwnerId = manager }, "admin@demo.test"));
        Assert.Contains("ProcessOwner role", refused.Message, StringComparison.Ordinal);
    }
}
