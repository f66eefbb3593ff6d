using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;

namespace ServiceRecovery.Web.Infrastructure.Startup;

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
