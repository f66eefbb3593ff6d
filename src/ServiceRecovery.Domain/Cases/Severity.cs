namespace ServiceRecovery.Domain.Cases;

/// <summary>How bad the failure was. Atonement size and response speed follow it.</summary>
public enum Severity
{
    Minor = 1,
    Moderate = 2,
    Major = 3,
    Critical = 4,
}

/// <summary>One line of the severity guide, for a form's radio list.</summary>
public sealed record SeverityOption(Severity Value, string Name, string Description);

/// <summary>Plain-words guidance for choosing a severity.</summary>
public static class SeverityGuide
{
    /// <summary>Every severity, mildest first, with its description.</summary>
    public static IReadOnlyList<SeverityOption> All { get; } =
        [.. Enum.GetValues<Severity>().Select(s => new SeverityOption(s, s.ToString(), Describe(s)))];

    public static string Describe(Severity severity) => severity switch
    {
        Severity.Minor =>
            "An inconvenience; the customer is mildly disappointed and the service was still delivered.",
        Severity.Moderate =>
            "Part of the service was missing, wrong or late; the customer is clearly upset and expects it put right today.",
        Severity.Major =>
            "The service failed or cost the customer real time or money; they may leave unless recovered. Act the same day.",
        Severity.Critical =>
            "Safety, health, legal or large financial impact, or a public/viral complaint; act within the hour.",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown severity."),
    };
}
