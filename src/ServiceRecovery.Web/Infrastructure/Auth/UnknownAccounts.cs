using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ServiceRecovery.Web.Infrastructure.Auth;

/// <summary>
/// Sign-ins for an email that is no account: the password is hashed all the same (as long as a real check takes), and
/// failures are counted like an account's, so that after the same number of tries the same "locked" answer comes.
/// Counted per instance, in memory: the rate limiter is what really slows guessing down.
/// </summary>
public sealed class UnknownAccounts(IMemoryCache cache, IPasswordHasher<AppUser> hasher, IOptions<IdentityOptions> identity, TimeProvider clock)
{
    private static readonly AppUser Nobody = new() { Id = Guid.Empty, UserName = "nobody" };

    // A hash made once per process with the same hasher settings (iterations) as real ones.
    private static string? s_dummyHash;

    /// <summary>Hashes the attempt like a real check, counts it; true when this email is now "locked out".</summary>
    public bool Failed(string email, string password = "")
    {
        s_dummyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString());
        hasher.VerifyHashedPassword(Nobody, s_dummyHash, password);
        var lockout = identity.Value.Lockout;
        var key = "unknown-account:" + email.ToUpperInvariant();
        var entry = cache.GetOrCreate(key, e =>
        {
            e.AbsoluteExpirationRelativeToNow = lockout.DefaultLockoutTimeSpan;
            return new Attempts();
        })!;
        lock (entry)
        {
            entry.Count++;
            if (entry.Count >= lockout.MaxFailedAccessAttempts)
            {
                entry.LockedUntil ??= clock.GetUtcNow() + lockout.DefaultLockoutTimeSpan;
            }

            return entry.LockedUntil > clock.GetUtcNow();
        }
    }

    private sealed class Attempts
    {
        public int Count { get; set; }

        public DateTimeOffset? LockedUntil { get; set; }
    }
}
