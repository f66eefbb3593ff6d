using System.Buffers.Text;
using System.Security.Cryptography;

namespace ServiceRecovery.Domain.Surveys;

/// <summary>
/// The secret in a survey link: 16 random bytes (128 bits) written as 22 base64url characters. Only its SHA-256 hash is
/// stored (<see cref="SurveyInvitation.TokenHash"/>); the token itself exists once, when the invitation is issued, and is
/// compared by hash in constant time (ADR 0016). Pure functions: the random bytes come from the caller.
/// </summary>
public static class SurveyToken
{
    public const int RandomBytes = 16;

    /// <summary>Length of the base64url text of <see cref="RandomBytes"/> bytes, without padding.</summary>
    public const int Length = 22;

    public const int HashBytes = 32;

    /// <summary>The token's text for the link.</summary>
    public static string Encode(ReadOnlySpan<byte> random)
    {
        if (random.Length != RandomBytes)
        {
            throw new ArgumentException($"A survey token is {RandomBytes} random bytes.", nameof(random));
        }

        return Base64Url.EncodeToString(random);
    }

    /// <summary>The hash the database keeps; null when <paramref name="token"/> is not a well-formed token.</summary>
    public static byte[]? HashOf(string? token)
    {
        if (token is not { Length: Length })
        {
            return null;
        }

        Span<byte> raw = stackalloc byte[RandomBytes + 2];
        if (!Base64Url.IsValid(token) || Base64Url.DecodeFromChars(token, raw) != RandomBytes)
        {
            return null;
        }

        return SHA256.HashData(raw[..RandomBytes]);
    }

    /// <summary>Hash comparison that takes as long whether the first or the last byte differs.</summary>
    public static bool Matches(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> storedHash) =>
        CryptographicOperations.FixedTimeEquals(hash, storedHash);
}
