using ServiceRecovery.Domain.Cases;

namespace ServiceRecovery.Web.Data;

/// <summary>
/// A phrase the apology coach flags, with what to say instead. Seeded from <see cref="ApologyCoach.DefaultPhrases"/>,
/// then edited by an Admin.
/// </summary>
public sealed class CoachingPhraseEntry
{
    private CoachingPhraseEntry()
    {
    }

    public CoachingPhraseEntry(string avoid, string suggestion, string why)
    {
        Avoid = avoid;
        Suggestion = suggestion;
        Why = why;
        IsActive = true;
    }

    public int Id { get; private set; }

    public string Avoid { get; set; } = "";

    public string Suggestion { get; set; } = "";

    public string Why { get; set; } = "";

    public bool IsActive { get; set; }

    public CoachingPhrase ToPhrase() => new(Avoid, Suggestion, Why);
}
