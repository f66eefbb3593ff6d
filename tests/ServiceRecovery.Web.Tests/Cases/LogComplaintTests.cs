using System.Globalization;
using FluentValidation;
using Severity = ServiceRecovery.Domain.Cases.Severity;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Customers;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Cases;

/// <summary>Logging a complaint (New.Command) through the real pipeline against PostgreSQL.</summary>
public sealed class LogComplaintTests(WebFixture fixture) : WebTest(fixture)
{
    private readonly CaseDriver _cases = new(fixture);

    [Fact]
    public async Task Logging_a_complaint_for_a_new_customer_opens_a_logged_case_owned_by_the_logger()
    {
        var command = CaseDriver.Complaint("Priya Shah", "Priya.Shah@Example.com", "+44 20 7946 0000");
        command.CustomerTier = CustomerTier.Valued;

        var reference = await Fixture.SendAsync(command, CaseDriver.Frontline);

        Assert.Matches($"^SR-{_cases.ThisYear}-\\d{{6}}$", reference);
        var fran = await _cases.UserIdAsync(CaseDriver.Frontline);
        var saved = await _cases.CaseAsync(reference);
        Assert.Equal(Stage.Logged, saved.Stage);
        Assert.Equal(fran, saved.OwnerId);
        Assert.Equal(CaseDriver.FrontlineName, saved.OwnerName);
        Assert.Equal(fran, saved.OpenedById);
        Assert.Equal(Channel.InPerson, saved.Channel);
        Assert.Equal(CaseDriver.Category, saved.Category);
        Assert.Equal(Severity.Major, saved.Severity);
        Assert.Equal(command.WhatHappened, saved.WhatHappened);
        Assert.Equal(180m, saved.TransactionValue);
        Assert.Equal("EUR", saved.Currency);
        Assert.Null(saved.Outcome);

        var customer = await Fixture.QueryAsync(db => db.Customers.SingleAsync());
        Assert.Equal(saved.CustomerId, customer.Id);
        Assert.Equal("Priya Shah", customer.Name);
        Assert.Equal("priya.shah@example.com", customer.Email);
        Assert.Equal("+44 20 7946 0000", customer.Phone);
        Assert.Equal(CustomerTier.Valued, customer.Tier);

        var entry = Assert.Single(await _cases.TimelineAsync(reference));
        Assert.Equal(TimelineKinds.Logged, entry.Kind);
        Assert.Equal(1, entry.Sequence);
        Assert.Equal(fran, entry.ActorId);
        Assert.Equal(CaseDriver.FrontlineName, entry.ActorName);
        Assert.Null(entry.FromStage);
        Assert.Equal(Stage.Logged, entry.ToStage);
        Assert.Equal(command.RequestId, entry.RequestId);
        Assert.Equal(1, saved.LastTimelineSequence);
    }

    [Fact]
    public async Task Logging_without_assigning_to_me_leaves_the_case_unassigned()
    {
        var command = CaseDriver.Complaint();
        command.AssignToMe = false;

        var reference = await Fixture.SendAsync(command, CaseDriver.Frontline);

        var saved = await _cases.CaseAsync(reference);
        Assert.Null(saved.OwnerId);
        Assert.Null(saved.OwnerName);
        Assert.Equal(await _cases.UserIdAsync(CaseDriver.Frontline), saved.OpenedById);
    }

    [Fact]
    public async Task Logging_for_an_existing_customer_reuses_them_and_ignores_the_new_customer_fields()
    {
        var first = await _cases.LogAsync();
        var customerId = (await _cases.CaseAsync(first)).CustomerId;
        var second = CaseDriver.Complaint(customerName: "Someone Else", email: "someone@example.com");
        second.CustomerId = customerId;

        var reference = await Fixture.SendAsync(second, CaseDriver.Supervisor);

        Assert.Equal(customerId, (await _cases.CaseAsync(reference)).CustomerId);
        var customer = await Fixture.QueryAsync(db => db.Customers.SingleAsync());
        Assert.Equal("Priya Shah", customer.Name);
        Assert.Equal(2, await Fixture.QueryAsync(db => db.Cases.CountAsync(c => c.CustomerId == customerId)));
    }

    [Fact]
    public async Task Logging_for_a_customer_that_does_not_exist_is_refused_on_the_customer_field()
    {
        var command = CaseDriver.Complaint();
        command.CustomerId = Guid.CreateVersion7();

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync(command, CaseDriver.Frontline));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(nameof(New.Command.CustomerId), error.PropertyName);
        Assert.Equal("That customer no longer exists: find them again.", error.ErrorMessage);
        await AssertNothingWrittenAsync();
    }

    public static TheoryData<string, string, string> InvalidComplaints() => new()
    {
        { "no name", nameof(New.Command.CustomerName), "Find the customer above, or enter the new customer's name." },
        { "no contact", nameof(New.Command.CustomerEmail), "Give an email or a phone number, so we can follow up." },
        { "bad email", nameof(New.Command.CustomerEmail), "Enter an email address like name@example.com." },
        { "short phone", nameof(New.Command.CustomerPhone), "Enter a phone number of 6 to 15 digits; spaces, +, -, ( ) are fine." },
        { "letters in phone", nameof(New.Command.CustomerPhone), "Enter a phone number of 6 to 15 digits; spaces, +, -, ( ) are fine." },
        { "unknown tier", nameof(New.Command.CustomerTier), "Choose the customer's tier from the list." },
        { "no channel", nameof(New.Command.Channel), "Choose how the complaint came in." },
        { "no category", nameof(New.Command.Category), "Choose a category." },
        { "no severity", nameof(New.Command.Severity), "Choose how severe the failure is." },
        { "no story", nameof(New.Command.WhatHappened), "Write what happened, in the customer's words." },
        { "long story", nameof(New.Command.WhatHappened), "Keep what happened, in the customer's words to 4,000 characters or fewer." },
        { "negative value", nameof(New.Command.TransactionValue), "The value must be between 0 and 1,000,000." },
        { "three decimals", nameof(New.Command.TransactionValue), "Use at most two decimals." },
    };

    [Theory]
    [MemberData(nameof(InvalidComplaints))]
    public async Task An_invalid_complaint_names_the_field_and_writes_nothing(string problem, string field, string message)
    {
        var command = CaseDriver.Complaint();
        switch (problem)
        {
            case "no name": command.CustomerName = " "; break;
            case "no contact": command.CustomerEmail = null; command.CustomerPhone = ""; break;
            case "bad email": command.CustomerEmail = "priya.example.com"; break;
            case "short phone": command.CustomerPhone = "12345"; break;
            case "letters in phone": command.CustomerPhone = "0800 CALL ME"; break;
            case "unknown tier": command.CustomerTier = (CustomerTier)42; break;
            case "no channel": command.Channel = null; break;
            case "no category": command.Category = ""; break;
            case "no severity": command.Severity = null; break;
            case "no story": command.WhatHappened = "   "; break;
            case "long story": command.WhatHappened = new string('x', 4001); break;
            case "negative value": command.TransactionValue = -0.01m; break;
            case "three decimals": command.TransactionValue = 12.345m; break;
            default: throw new ArgumentOutOfRangeException(nameof(problem), problem, null);
        }

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync(command, CaseDriver.Frontline));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(field, error.PropertyName);
        Assert.Equal(message, error.ErrorMessage);
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task A_story_of_exactly_4000_characters_is_accepted()
    {
        var command = CaseDriver.Complaint();
        command.WhatHappened = new string('x', 4000);

        var reference = await Fixture.SendAsync(command, CaseDriver.Frontline);

        Assert.Equal(4000, (await _cases.CaseAsync(reference)).WhatHappened.Length);
    }

    [Fact]
    public async Task A_category_that_is_not_on_the_list_is_refused_and_writes_nothing()
    {
        var command = CaseDriver.Complaint();
        command.Category = "Aliens in the minibar";

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync(command, CaseDriver.Frontline));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(nameof(New.Command.Category), error.PropertyName);
        Assert.Equal("Choose a category from the list.", error.ErrorMessage);
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task A_retired_category_is_refused()
    {
        await Fixture.QueryAsync(db => db.Categories.Where(c => c.Name == "Noise").ExecuteUpdateAsync(s => s.SetProperty(c => c.IsActive, false)));
        var command = CaseDriver.Complaint();
        command.Category = "Noise";

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync(command, CaseDriver.Frontline));

        Assert.Equal("Choose a category from the list.", Assert.Single(ex.Errors).ErrorMessage);
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task Posting_the_same_request_twice_logs_one_case_and_returns_its_reference_both_times()
    {
        var command = CaseDriver.Complaint();

        var first = await Fixture.SendAsync(command, CaseDriver.Frontline);
        var second = await Fixture.SendAsync(command, CaseDriver.Frontline);

        Assert.Equal(first, second);
        Assert.Equal(1, await Fixture.QueryAsync(db => db.Cases.CountAsync()));
        Assert.Equal(1, await Fixture.QueryAsync(db => db.Customers.CountAsync()));
        Assert.Equal(1, await Fixture.QueryAsync(db => db.Timeline.CountAsync()));
    }

    [Fact]
    public async Task References_are_sequential_and_unique()
    {
        var references = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            references.Add(await _cases.LogAsync(command: CaseDriver.Complaint($"Customer {i}", $"c{i}@example.com")));
        }

        var numbers = references.Select(r => long.Parse(r[^6..], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([numbers[0], numbers[0] + 1, numbers[0] + 2], numbers);
        Assert.All(references, r => Assert.StartsWith($"SR-{_cases.ThisYear}-", r, StringComparison.Ordinal));
        Assert.Equal(3, await Fixture.QueryAsync(db => db.Cases.Select(c => c.Reference).Distinct().CountAsync()));
    }

    [Fact]
    public async Task Complaints_logged_at_the_same_time_get_different_references()
    {
        var tasks = Enumerable.Range(0, 6)
            .Select(i => Fixture.SendAsync(CaseDriver.Complaint($"Parallel {i}", $"p{i}@example.com"), CaseDriver.Frontline))
            .ToList();

        var references = await Task.WhenAll(tasks);

        Assert.Equal(6, references.Distinct().Count());
        Assert.Equal(6, await Fixture.QueryAsync(db => db.Cases.CountAsync()));
    }

    private async Task AssertNothingWrittenAsync()
    {
        Assert.Equal(0, await Fixture.QueryAsync(db => db.Customers.CountAsync()));
        Assert.Equal(0, await Fixture.QueryAsync(db => db.Cases.CountAsync()));
        Assert.Equal(0, await Fixture.QueryAsync(db => db.Timeline.CountAsync()));
    }
}
