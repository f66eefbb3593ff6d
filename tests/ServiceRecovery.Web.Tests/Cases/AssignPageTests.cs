using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Cases;

/// <summary>The assign page (/cases/{reference}/assign): reassign, return to the pool, take a case.</summary>
public sealed class AssignPageTests(WebFixture fixture) : WebTest(fixture)
{
    private const string ManagerName = "Maya Manager";

    private readonly CaseDriver _cases = new(fixture);

    private static string Url(string reference) => $"/cases/{reference}/assign";

    private static string? Flash(IHtmlDocument page) => page.QuerySelector("[data-testid=flash]")?.TextContent.Trim();

    private static List<string> References(IHtmlDocument page) => Queue.QueuePage.References(page);

    [Fact]
    public async Task A_supervisor_reassigns_a_case_with_a_reason_that_goes_on_the_timeline()
    {
        var reference = await _cases.LogAtAsync(Stage.Apologized);
        var samId = await _cases.UserIdAsync(CaseDriver.Supervisor);
        using var supervisor = await Fixture.SignInAsync(CaseDriver.Supervisor);

        var casePage = await supervisor.GetPageAsync($"/cases/{reference}");
        var link = casePage.QuerySelector("[data-testid=assign-link]");
        Assert.Equal("Reassign", link?.TextContent);
        Assert.Equal(Url(reference), link?.GetAttribute("href"));
        var form = await supervisor.GetPageAsync(Url(reference));
        Assert.Equal(CaseDriver.FrontlineName, form.QuerySelector("[data-testid=assign-current-owner]")?.TextContent);
        // Active staff other than the current owner; no Admin-only account.
        Assert.Equal(["", ManagerName, CaseDriver.SupervisorName], form.QuerySelectorAll("select[name='Data.Assignee'] option").Select(o => o.TextContent == "Choose someone" ? "" : o.TextContent));
        Assert.NotNull(form.QuerySelector("label[for=Data_Assignee]"));
        Assert.NotNull(form.QuerySelector("label[for=Data_Reason]"));

        var response = await supervisor.SubmitFormAsync(form, new Dictionary<string, string>
        {
            ["Data.Assignee"] = samId.ToString(),
            ["Data.Reason"] = "Fran is on leave this week.",
        }, "main form", Url(reference));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/cases/{reference}", response.Headers.Location?.OriginalString);
        var saved = await _cases.CaseAsync(reference);
        Assert.Equal(samId, saved.OwnerId);
        Assert.Equal(CaseDriver.SupervisorName, saved.OwnerName);
        Assert.Equal(Stage.Apologized, saved.Stage);
        var entry = (await _cases.TimelineAsync(reference))[^1];
        Assert.Equal(TimelineKinds.Assigned, entry.Kind);
        Assert.Equal($"Assigned the case to {CaseDriver.SupervisorName}", entry.Summary);
        Assert.Equal($"{CaseDriver.FrontlineName} → {CaseDriver.SupervisorName}", entry.Details);
        Assert.Equal("Fran is on leave this week.", entry.Note);
        Assert.Equal(CaseDriver.SupervisorName, entry.ActorName);
        Assert.NotNull(entry.RequestId);
        var after = await supervisor.GetPageAsync($"/cases/{reference}");
        Assert.Equal($"Assigned to {CaseDriver.SupervisorName}.", Flash(after));
        Assert.Equal(CaseDriver.SupervisorName, after.QuerySelector("[data-testid=case-owner]")?.TextContent);
        Assert.Contains("Fran is on leave this week.", after.QuerySelector("[data-testid=timeline] > li")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reassigning_without_a_reason_says_so_next_to_the_field_keeps_the_choice_and_saves_nothing()
    {
        var reference = await _cases.LogAtAsync(Stage.Listened);
        var mayaId = await _cases.UserIdAsync(CaseDriver.Manager);
        var before = await _cases.SnapshotAsync(reference);
        using var supervisor = await Fixture.SignInAsync(CaseDriver.Supervisor);

        var response = await supervisor.SubmitFormAsync(Url(reference), new Dictionary<string, string> { ["Data.Assignee"] = mayaId.ToString(), ["Data.Reason"] = "  " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ReadAsync(response);
        Assert.Equal($"Write why the case moves from {CaseDriver.FrontlineName} to {ManagerName}: it goes on the case's timeline.", page.QuerySelector("#reason-error")?.TextContent);
        Assert.Contains("is-invalid", page.QuerySelector("textarea[name='Data.Reason']")?.ClassName, StringComparison.Ordinal);
        Assert.Equal(mayaId.ToString(), (page.QuerySelector("select[name='Data.Assignee']") as IHtmlSelectElement)?.Value);
        Assert.Equal(before, await _cases.SnapshotAsync(reference));

        var nobody = await supervisor.SubmitFormAsync(Url(reference), new Dictionary<string, string> { ["Data.Reason"] = "Busy week." });
        var nobodyPage = await TestBrowser.ReadAsync(nobody);
        Assert.Equal("Choose who should own the case.", nobodyPage.QuerySelector("#assignee-error")?.TextContent);
        Assert.Equal("Busy week.", nobodyPage.QuerySelector("textarea[name='Data.Reason']")?.TextContent);
        Assert.Equal(before, await _cases.SnapshotAsync(reference));
    }

    [Fact]
    public async Task A_supervisor_returns_a_case_to_the_unassigned_pool_with_a_reason()
    {
        var reference = await _cases.LogAtAsync(Stage.Fixed);
        var other = await _cases.LogAtAsync(Stage.Logged);
        using var supervisor = await Fixture.SignInAsync(CaseDriver.Supervisor);
        var before = await _cases.SnapshotAsync(reference);

        var noReason = await supervisor.SubmitFormAsync(Url(reference), new Dictionary<string, string> { ["Data.ToPool"] = "true" });
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Equal("Write why the case goes back to the unassigned pool.", (await TestBrowser.ReadAsync(noReason)).QuerySelector("#reason-error")?.TextContent);
        Assert.Equal(before, await _cases.SnapshotAsync(reference));

        var form = await supervisor.GetPageAsync(Url(reference));
        Assert.NotNull(form.QuerySelector("button[name='Data.ToPool'][value=true]"));
        var response = await supervisor.SubmitFormAsync(form, new Dictionary<string, string>
        {
            ["Data.ToPool"] = "true",
            ["Data.Reason"] = "Fran has moved to the night shift.",
        }, "main form", Url(reference));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await _cases.CaseAsync(reference);
        Assert.Null(saved.OwnerId);
        Assert.Null(saved.OwnerName);
        Assert.Equal(Stage.Fixed, saved.Stage);
        var entry = (await _cases.TimelineAsync(reference))[^1];
        Assert.Equal(TimelineKinds.Unassigned, entry.Kind);
        Assert.Equal($"{CaseDriver.FrontlineName} → unassigned", entry.Details);
        Assert.Equal("Fran has moved to the night shift.", entry.Note);
        var casePage = await supervisor.GetPageAsync($"/cases/{reference}");
        Assert.Equal("Returned to the unassigned pool.", Flash(casePage));
        Assert.Equal("unassigned", casePage.QuerySelector("[data-testid=case-owner]")?.TextContent);
        Assert.Equal("Assign", casePage.QuerySelector("[data-testid=assign-link]")?.TextContent);
        // In the pool: the queue's unassigned view, for the supervisor and for frontline staff.
        Assert.Equal([reference], References(await supervisor.GetPageAsync("/queue?View.Owner=none")));
        using var frontline = await Fixture.SignInAsync(CaseDriver.Frontline);
        Assert.Equal([reference], References(await frontline.GetPageAsync("/queue?View.Owner=none")));
        Assert.DoesNotContain(reference, References(await frontline.GetPageAsync("/queue?View.Owner=me")));
        Assert.Contains(other, References(await frontline.GetPageAsync("/queue?View.Owner=me")));
        // An unassigned case offers no "return to the pool".
        Assert.Null((await supervisor.GetPageAsync(Url(reference))).QuerySelector("button[name='Data.ToPool']"));
    }

    [Fact]
    public async Task Frontline_staff_take_an_unassigned_case()
    {
        var reference = await _cases.LogAtAsync(Stage.Logged, owner: null);
        var franId = await _cases.UserIdAsync(CaseDriver.Frontline);
        using var frontline = await Fixture.SignInAsync(CaseDriver.Frontline);

        var casePage = await frontline.GetPageAsync($"/cases/{reference}");
        Assert.Equal("Take this case", casePage.QuerySelector("[data-testid=assign-link]")?.TextContent);
        var form = await frontline.GetPageAsync(Url(reference));
        Assert.NotNull(form.QuerySelector("[data-testid=take-case]"));
        Assert.Null(form.QuerySelector("select[name='Data.Assignee']"));

        var response = await frontline.SubmitFormAsync(form, new Dictionary<string, string>(), "main form", Url(reference));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await _cases.CaseAsync(reference);
        Assert.Equal(franId, saved.OwnerId);
        var entry = (await _cases.TimelineAsync(reference))[^1];
        Assert.Equal(TimelineKinds.Assigned, entry.Kind);
        Assert.Equal($"unassigned → {CaseDriver.FrontlineName}", entry.Details);
        Assert.Null(entry.Note);
        var after = await frontline.GetPageAsync($"/cases/{reference}");
        Assert.Equal($"Assigned to {CaseDriver.FrontlineName}.", Flash(after));
        // Now theirs: nothing more to take, and only a supervisor can reassign it.
        Assert.Null(after.QuerySelector("[data-testid=assign-link]"));
        var again = await frontline.GetPageAsync(Url(reference));
        Assert.Equal("Only a supervisor can reassign a case that already has an owner.", again.QuerySelector("[data-testid=not-available]")?.TextContent);
        Assert.Null(again.QuerySelector("main form"));
    }

    [Fact]
    public async Task Frontline_staff_cannot_reassign_a_case_and_get_403_with_nothing_changed()
    {
        var samsCase = await _cases.LogAtAsync(Stage.Apologized, owner: CaseDriver.Supervisor);
        var ownCase = await _cases.LogAtAsync(Stage.Apologized);
        var pool = await _cases.LogAtAsync(Stage.Logged, owner: null);
        var franId = await _cases.UserIdAsync(CaseDriver.Frontline);
        var samId = await _cases.UserIdAsync(CaseDriver.Supervisor);
        var before = (Sams: await _cases.SnapshotAsync(samsCase), Own: await _cases.SnapshotAsync(ownCase), Pool: await _cases.SnapshotAsync(pool));
        using var frontline = await Fixture.SignInAsync(CaseDriver.Frontline);

        await frontline.GetPageAsync(Url(samsCase), HttpStatusCode.Forbidden);
        Assert.Null((await frontline.GetPageAsync($"/cases/{ownCase}")).QuerySelector("[data-testid=assign-link]"));
        // A valid token for this person, taken from a page they may open.
        var token = ((await frontline.GetPageAsync("/cases/new")).QuerySelector("#log-form input[name='__RequestVerificationToken']") as IHtmlInputElement)!.Value;

        async Task<HttpStatusCode> PostAsync(string reference, string assignee, bool toPool = false)
        {
            var (version, sequence) = await _cases.PositionAsync(reference);
            var response = await frontline.PostAsync(Url(reference),
            [
                new("__RequestVerificationToken", token), new("Data.Assignee", assignee), new("Data.Reason", "Swapping shifts."),
                new("Data.ToPool", toPool ? "true" : "false"),
                new("Data.Version", version.ToString(CultureInfo.InvariantCulture)), new("Data.SeenSequence", sequence.ToString(CultureInfo.InvariantCulture)),
                new("Data.RequestId", Guid.CreateVersion7().ToString()),
            ]);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(samsCase, franId.ToString()));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(samsCase, "me"));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(ownCase, samId.ToString()));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(ownCase, "", toPool: true));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(pool, samId.ToString()));

        Assert.Equal(before, (await _cases.SnapshotAsync(samsCase), await _cases.SnapshotAsync(ownCase), await _cases.SnapshotAsync(pool)));
    }

    [Fact]
    public async Task A_form_loaded_before_someone_else_changed_the_case_shows_the_change_and_saves_nothing()
    {
        var reference = await _cases.LogAtAsync(Stage.Apologized);
        var mayaId = await _cases.UserIdAsync(CaseDriver.Manager);
        using var supervisor = await Fixture.SignInAsync(CaseDriver.Supervisor);
        var form = await supervisor.GetPageAsync(Url(reference));
        await _cases.SendStepAsync(reference, _cases.StepInto(Stage.Listened));
        var before = await _cases.SnapshotAsync(reference);

        var response = await supervisor.SubmitFormAsync(form, new Dictionary<string, string> { ["Data.Assignee"] = mayaId.ToString(), ["Data.Reason"] = "Maya knows this guest." }, "main form", Url(reference));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ReadAsync(response);
        Assert.StartsWith("This case changed while you were working", page.QuerySelector("[data-testid=form-errors]")?.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("Listened to the customer", page.QuerySelector("[data-testid=case-changed]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Maya knows this guest.", page.QuerySelector("textarea[name='Data.Reason']")?.TextContent);
        Assert.Equal(before, await _cases.SnapshotAsync(reference));

        // Submitted again from the refreshed form, it goes through.
        var retry = await supervisor.SubmitFormAsync(page, new Dictionary<string, string> { ["Data.Assignee"] = mayaId.ToString() }, "main form", Url(reference));
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.Equal(mayaId, (await _cases.CaseAsync(reference)).OwnerId);
    }

    [Fact]
    public async Task A_stale_row_version_gets_the_changed_message_and_saves_nothing()
    {
        var reference = await _cases.LogAtAsync(Stage.Apologized);
        var (staleVersion, _) = await _cases.PositionAsync(reference);
        // The row changes without a timeline entry (as when the SLA policy is saved): only xmin tells.
        await using (var conn = new Npgsql.NpgsqlConnection(Fixture.Database.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand($"UPDATE recovery_cases SET sla_due_at = sla_due_at WHERE reference = '{reference}'", conn);
            await cmd.ExecuteNonQueryAsync();
        }

        var mayaId = await _cases.UserIdAsync(CaseDriver.Manager);
        var before = await _cases.SnapshotAsync(reference);
        Assert.NotEqual(staleVersion, before.Version);
        using var supervisor = await Fixture.SignInAsync(CaseDriver.Supervisor);

        var response = await supervisor.SubmitFormAsync(Url(reference), new Dictionary<string, string>
        {
            ["Data.Assignee"] = mayaId.ToString(),
            ["Data.Reason"] = "Maya knows this guest.",
            ["Data.Version"] = staleVersion.ToString(CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ReadAsync(response);
        Assert.StartsWith("This case changed while you were working", page.QuerySelector("[data-testid=form-errors]")?.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(before.Version.ToString(CultureInfo.InvariantCulture), (page.QuerySelector("input[name='Data.Version']") as IHtmlInputElement)?.Value);
        Assert.Equal(before, await _cases.SnapshotAsync(reference));
    }

    [Fact]
    public async Task The_same_assign_form_submitted_twice_records_once()
    {
        var reference = await _cases.LogAtAsync(Stage.Logged, owner: null);
        using var frontline = await Fixture.SignInAsync(CaseDriver.Frontline);
        var form = await frontline.GetPageAsync(Url(reference));

        var first = await frontline.SubmitFormAsync(form, new Dictionary<string, string> { ["Data.Reason"] = "On the desk today." }, "main form", Url(reference));
        var second = await frontline.SubmitFormAsync(form, new Dictionary<string, string> { ["Data.Reason"] = "On the desk today." }, "main form", Url(reference));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Single(await _cases.TimelineAsync(reference), t => t.Kind == TimelineKinds.Assigned);
    }

    [Fact]
    public async Task Nobody_changes_the_owner_of_a_finished_case_and_an_admin_does_not_assign()
    {
        var closed = await _cases.LogAtAsync(Stage.Closed);
        var open = await _cases.LogAtAsync(Stage.Logged);
        using var supervisor = await Fixture.SignInAsync(CaseDriver.Supervisor);
        using var admin = await Fixture.SignInAsync("admin@demo.test");

        Assert.Null((await supervisor.GetPageAsync($"/cases/{closed}")).QuerySelector("[data-testid=assign-link]"));
        Assert.Equal("This case is closed; nothing more can be done on it.", (await supervisor.GetPageAsync(Url(closed))).QuerySelector("[data-testid=not-available]")?.TextContent);
        Assert.Null((await admin.GetPageAsync($"/cases/{open}")).QuerySelector("[data-testid=assign-link]"));
        Assert.Equal("Only a supervisor or manager can assign cases.", (await admin.GetPageAsync(Url(open))).QuerySelector("[data-testid=not-available]")?.TextContent);
    }
}
