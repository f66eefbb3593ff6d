using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Respawn;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Startup;

namespace ServiceRecovery.Web.Tests.Infrastructure;

/// <summary>
/// One database and one app per test run (per collection): migrated once, reset with Respawn before each
/// test, demo users re-seeded. Tests talk to it as a browser would (<see cref="TestBrowser"/>) or send
/// commands through the real pipeline as a given user (<see cref="SendAsync{T}"/>).
/// </summary>
public class WebFixture : IAsyncLifetime
{
    private Respawner? _respawner;

    public TestDatabase Database { get; private set; } = null!;

    public AppFactory Factory { get; private set; } = null!;

    public IServiceProvider Services => Factory.Services;

    protected virtual string DatabasePrefix => "sr_web";

    public virtual async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(DatabasePrefix);
        // As the app's own --migrate does it: the owner migrates, then grants the runtime role its rows-only rights.
        var migration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = Database.AppConnectionString,
            ["ConnectionStrings:Migrations"] = Database.OwnerConnectionString,
        }).Build();
        await DatabaseMigrator.MigrateAsync(migration, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        Factory = CreateFactory(Database.AppConnectionString);

        await using var conn = new NpgsqlConnection(Database.ConnectionString);
        await conn.OpenAsync();
        _respawner = await Respawner.CreateAsync(conn, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            // Schema history, the fixed roles and the key ring survive between tests.
            TablesToIgnore = ["__ef_migrations_history", "roles", "data_protection_keys"],
        });
        await ResetAsync();
    }

    protected virtual AppFactory CreateFactory(string connectionString) => new(connectionString);

    /// <summary>Empties every table, then seeds the demo users again.</summary>
    public async Task ResetAsync()
    {
        await using (var conn = new NpgsqlConnection(Database.ConnectionString))
        {
            await conn.OpenAsync();
            // The append-only tables refuse TRUNCATE by trigger; a superuser's replica session skips triggers.
            await using (var replica = new NpgsqlCommand("SET session_replication_role = replica", conn))
            {
                await replica.ExecuteNonQueryAsync();
            }

            await _respawner!.ResetAsync(conn);
        }

        // Caches (SLA policy, queue counts) must not carry one test's data into the next.
        (Services.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>() as Microsoft.Extensions.Caching.Memory.MemoryCache)?.Clear();
        await using var scope = Services.CreateAsyncScope();
        await ReferenceDataSeeder.EnsureAsync(scope.ServiceProvider);
        await DemoData.SeedAsync(scope.ServiceProvider);
        Factory.Logs.Clear();
    }

    public TestBrowser CreateBrowser() => new(Factory.CreateBrowserClient());

    public async Task<TestBrowser> SignInAsync(string email, string password = DemoData.Password)
    {
        var browser = CreateBrowser();
        var response = await browser.SignInAsync(email, password);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Redirect, $"Sign-in as {email} failed ({response.StatusCode}).");
        return browser;
    }

    /// <summary>Sends a request through the real pipeline (logging, validation, unit of work) as the given user.</summary>
    public Task<T> SendAsync<T>(IRequest<T> request, string asEmail) => SendAsync(Services, request, asEmail);

    /// <summary>The same, through another app on this database (a test's own <see cref="AppFactory"/>).</summary>
    public static async Task<T> SendAsync<T>(IServiceProvider services, IRequest<T> request, string asEmail)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var user = await sp.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(asEmail)
            ?? throw new InvalidOperationException($"No user {asEmail}.");
        var principal = await sp.GetRequiredService<SignInManager<AppUser>>().CreateUserPrincipalAsync(user);
        sp.GetRequiredService<CurrentUser>().ActAs(principal);
        return await sp.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>Reads the database with a fresh context (what was really committed).</summary>
    public async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>Runs SQL straight against the test database, past the app (to set up states the UI cannot reach quickly).</summary>
    public async Task ExecuteSqlAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(Database.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DropAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}

/// <summary>Base class of the tests in the "web" collection: a clean database before each test.</summary>
[Collection(WebCollection.Name)]
public abstract class WebTest(WebFixture fixture) : IAsyncLifetime
{
    protected WebFixture Fixture { get; } = fixture;

    public Task InitializeAsync() => Fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
