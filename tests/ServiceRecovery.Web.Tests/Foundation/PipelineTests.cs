using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Features.Admin.Users;
using ServiceRecovery.Web.Infrastructure.Mediation;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Foundation;

public sealed class PipelineTests(WebFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task A_command_with_invalid_input_returns_the_validators_messages_and_writes_nothing()
    {
        var usersBefore = await Fixture.QueryAsync(db => db.Users.CountAsync());

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync(new Create.Command
        {
            Email = "not-an-email",
            DisplayName = "",
            Password = "short",
            Roles = ["Pilot"],
            AtonementLimit = -5,
        }, "admin@demo.test"));

        var messages = ex.Errors.ToDictionary(e => e.PropertyName, e => e.ErrorMessage);
        Assert.Equal("Enter an email address like name@example.com.", messages["Email"]);
        Assert.Equal("Enter the person's name as colleagues know them.", messages["DisplayName"]);
        Assert.Equal("The password needs at least 12 characters.", messages["Password"]);
        Assert.Equal("Choose roles from the list.", messages["Roles"]);
        Assert.Equal("The limit must be between 0 and 1,000,000.", messages["AtonementLimit"]);
        Assert.Equal(usersBefore, await Fixture.QueryAsync(db => db.Users.CountAsync()));
        Assert.Equal(0, await Fixture.QueryAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task A_valid_command_commits_the_change_and_its_audit_entry_together()
    {
        var id = await Fixture.SendAsync(new Create.Command
        {
            Email = "new.starter@demo.test",
            DisplayName = "New Starter",
            Password = "Starter-pass-2026!",
            Roles = ["Frontline"],
            AtonementLimit = 75,
        }, "admin@demo.test");

        var user = await Fixture.QueryAsync(db => db.Users.SingleAsync(u => u.Id == id));
        Assert.Equal(75m, user.AtonementLimit);
        var audit = await Fixture.QueryAsync(db => db.AuditEntries.SingleAsync());
        Assert.Equal("user.created", audit.Action);
        Assert.Equal("new.starter@demo.test", audit.Subject);
        Assert.Equal("Ada Admin", audit.ActorName);
    }

    [Fact]
    public async Task A_command_whose_handler_throws_after_writing_leaves_nothing_behind()
    {
        await using var factory = new AppFactory(Fixture.Database.AppConnectionString)
        {
            ExtraServices = services => services.AddScoped<IRequestHandler<ExplodingCommand, Unit>, ExplodingHandler>(),
        };
        using var scope = factory.Services.CreateScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => mediator.Send(new ExplodingCommand("half-saved")));

        Assert.False(await Fixture.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Subject == "half-saved")));
        Assert.True(factory.Logs.Contains("ExplodingCommand failed"), "the failure is logged");
    }

    /// <summary>Writes (and even saves) an audit entry, then fails: the unit of work must roll it all back.</summary>
    public sealed record ExplodingCommand(string Subject) : ICommand<Unit>;

    public sealed class ExplodingHandler(AppDbContext db) : IRequestHandler<ExplodingCommand, Unit>
    {
        public async Task<Unit> Handle(ExplodingCommand request, CancellationToken cancellationToken)
        {
            db.AuditEntries.Add(new AuditEntry(null, "test", "test.exploded", request.Subject, "", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync(cancellationToken);
            throw new InvalidOperationException("The handler failed after writing.");
        }
    }
}
