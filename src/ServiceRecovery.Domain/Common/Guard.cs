namespace ServiceRecovery.Domain.Common;

/// <summary>Input guards whose refusals name the field in words a person understands.</summary>
internal static class Guard
{
    public static string Required(string? value, string field, int maxLength = FieldLimits.FreeText)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainException($"{field} is required.", "validation.required");
        }

        return MaxLength(trimmed, field, maxLength);
    }

    public static string? Optional(string? value, string field, int maxLength = FieldLimits.FreeText)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : MaxLength(trimmed, field, maxLength);
    }

    public static string Currency(string? value, string field)
    {
        var code = Required(value, field, FieldLimits.Currency).ToUpperInvariant();
        if (code.Length != 3 || !code.All(char.IsAsciiLetterUpper))
        {
            throw new DomainException(
                $"{field} must be a 3-letter currency code such as EUR or USD.", "validation.currency");
        }

        return code;
    }

    public static T Defined<T>(T value, string field)
        where T : struct, Enum =>
        Enum.IsDefined(value)
            ? value
            : throw new DomainException($"{field} has an unknown value.", "validation.unknown_value");

    private static string MaxLength(string value, string field, int maxLength)
    {
        if (ControlCharacters.Any(value))
        {
            throw new DomainException($"{field} {ControlCharacters.Message}", "validation.control_character");
        }

        return value.Length <= maxLength
            ? value
            : throw new DomainException(
                $"{field} is too long: at most {maxLength} characters, this has {value.Length}.",
                "validation.too_long");
    }
}
