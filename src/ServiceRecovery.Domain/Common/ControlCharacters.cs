namespace ServiceRecovery.Domain.Common;

/// <summary>
/// Text may not carry control characters: NUL (which PostgreSQL cannot store in text) and the rest of the C0 set and
/// DEL, except tab, carriage return and line feed. One rule for the web filter, the command pipeline and the domain.
/// </summary>
public static class ControlCharacters
{
    public const string Message =
        "contains a control character (such as NUL) that cannot be saved. Remove it and try again.";

    public static bool IsForbidden(char c) => (c < ' ' && c is not ('\t' or '\r' or '\n')) || c == '\u007F';

    public static bool Any(string? text)
    {
        if (text is null)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (IsForbidden(c))
            {
                return true;
            }
        }

        return false;
    }
}
