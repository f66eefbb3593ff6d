using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;

namespace ServiceRecovery.Web.Infrastructure.Startup;

/// <summary>Demo users (Development, <c>./run.sh</c> and tests). Idempotent: a second run changes nothing.</summary>
public static class DemoData
{
    public const string Password = "Demo-pass-2026!";

    public static readonly IReadOnlyList<DemoUser> Users =
    [
        new("frontline@demo.test", "Fran Frontline", Roles.Frontline),
        new("supervisor@demo.test", "Sam Supervisor", Roles.Supervisor),
        new("manager@demo.test", "Maya Manager", Roles.Manager),
        new("admin@demo.test", "Ada Admin", Roles.Admin),
    ];

    // PBKDF2 at 210,000 iterations is deliberately slow; the demo users share one hash (computed once per
    // process) so that re-seeding between tests costs nothing.
    private static readonly Lazy<string> DemoPasswordHash =
        new(() => new PasswordHasher<AppUser>(Microsoft.Extensions.Options.Options.Create(
            new PasswordHasherOptions { IterationCount = 210_000 })).HashPassword(null!, Password));

    public static async Task SeedAsync(IServiceProvider services)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var clock = services.GetRequiredService<TimeProvider>();
        foreach (var demo in Users)
        {
            if (await users.FindByEmailAsync(demo.Email) is not null)
            {
                continue;
            }

            var user = new AppUser
            {
                Id = Guid.CreateVersion7(),
                UserName = demo.Email,
                Email = demo.Email,
                EmailConfirmed = true,
                DisplayName = demo.DisplayName,
                CreatedAt = clock.GetUtcNow(),
                PasswordHash = DemoPasswordHash.Value,
            };
            Check(await users.CreateAsync(user));
            Check(await users.AddToRoleAsync(user, demo.Role));
        }
    }

    public static void PrintLogins(IConfiguration configuration)
    {
        var urls = configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? "http://127.0.0.1:5080";
        Console.WriteLine();
        Console.WriteLine($"  ServiceRecovery demo is ready on {urls}");
        Console.WriteLine($"  Demo logins (password for all: {Password}):");
        foreach (var u in Users)
        {
            Console.WriteLine($"    {u.Role,-11} {u.Email}");
        }

        Console.WriteLine();
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Seeding demo users failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}

public sealed record DemoUser(string Email, string DisplayName, string Role);

/// <summary>Creates the first administrator from configuration when the database has none (Production, Docker).</summary>
public static class AdminBootstrap
{
    public static async Task EnsureAdminAsync(IServiceProvider services, IConfiguration configuration, ILogger logger)
    {
        var email = configuration["Bootstrap:AdminEmail"];
        var password = configuration["Bootstrap:AdminPassword"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            return;
        }

        var db = services.GetRequiredService<AppDbContext>();
        var adminRoleId = Roles.Seed.Single(r => r.Name == Roles.Admin).Id;
        if (await db.UserRoles.AnyAsync(ur => ur.RoleId == adminRoleId))
        {
            return;
        }

        var users = services.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = "Administrator",
            CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
            // The password sits in the host's configuration: the administrator chooses their own at first sign-in.
            MustChangePassword = true,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Bootstrap administrator not created: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        var role = await users.AddToRoleAsync(user, Roles.Admin);
        if (!role.Succeeded)
        {
            throw new InvalidOperationException("Bootstrap administrator not given the Admin role: " + string.Join("; ", role.Errors.Select(e => e.Description)));
        }

        db.AuditEntries.Add(new AuditEntry(null, "system", "user.bootstrapped", email, "First administrator created from configuration.", user.CreatedAt));
        await db.SaveChangesAsync();
        logger.LogInformation("Created the first administrator from configuration");
    }
}
