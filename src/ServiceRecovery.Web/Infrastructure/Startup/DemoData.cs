using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
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
        new("owner@demo.test", "Omar Owner", Roles.ProcessOwner),
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

        await GiveOwnerCausesAsync(services);
    }

    /// <summary>The leaves the demo process owner owns (when nobody owns them yet).</summary>
    public static readonly IReadOnlyList<string> OwnedCauses = ["Hand-off", "Noise", "Food & beverage"];

    private static async Task GiveOwnerCausesAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<Data.AppDbContext>();
        var owner = await db.Users.SingleAsync(u => u.Email == "owner@demo.test");
        foreach (var cause in await db.RootCauses.Where(c => OwnedCauses.Contains(c.Name) && c.ProcessOwnerId == null).ToListAsync())
        {
            cause.ProcessOwnerId = owner.Id;
        }

        await db.SaveChangesAsync();
    }

    public static void PrintLogins(IConfiguration configuration)
    {
        var urls = configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? "http://127.0.0.1:5080";
        Console.WriteLine();
        Console.WriteLine($"  ServiceRecovery demo is ready on {urls}");
        Console.WriteLine($"  Demo logins (password for all: {Password}):");
        foreach (var u in Users)
        {
            Console.WriteLine($"    {u.Role,-12} {u.Email}");
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
