using System.Globalization;

namespace ServiceRecovery.Domain.Cases;

/// <summary>
/// Human case references such as <c>SR-2026-000123</c>: year, then a number from a database sequence
/// (at least six digits, more when the sequence grows past 999999).
/// </summary>
public static class CaseReference
{
    private const string Prefix = "SR-";

    public static string Format(int year, long number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{year:D4}-{number:D6}");
    }

    public static bool IsValid(string? reference) => TryParse(reference, out _, out _);

    public static bool TryParse(string? reference, out int year, out long number)
    {
        year = 0;
        number = 0;
        if (reference is null || reference.Length > Common.FieldLimits.Reference
            || !reference.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = reference.AsSpan(Prefix.Length);
        var dash = rest.IndexOf('-');
        if (dash != 4 || rest.Length - dash - 1 < 6)
        {
            return false;
        }

        var yearPart = rest[..dash];
        var numberPart = rest[(dash + 1)..];
        if (!AllDigits(yearPart) || !AllDigits(numberPart)
            || !int.TryParse(yearPart, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || !long.TryParse(numberPart, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || y < 1000 || n < 1
            || (numberPart.Length > 6 && numberPart[0] == '0'))
        {
            return false;
        }

        year = y;
        number = n;
        return true;
    }

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
