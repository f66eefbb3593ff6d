using System.Text;

namespace ServiceRecovery.Domain.Cases;

/// <summary>A phrase to avoid in an apology, what to say instead, and why.</summary>
public sealed record CoachingPhrase(string Avoid, string Suggestion, string Why);

/// <summary>
/// A hint shown to the person apologizing. <see cref="Phrase"/> is the phrase found in their words
/// (or, for <see cref="ApologyCoach.SaySorryHint"/>, the heading "Say sorry and own it").
/// </summary>
public sealed record CoachingHint(string Phrase, string Suggestion, string Why);

/// <summary>
/// Reviews apology words for phrases that put customers off. Coaching never blocks: it only suggests.
/// </summary>
public static class ApologyCoach
{
    /// <summary>Shown when the words contain no "sorry" or "apologize/apologise/apologies".</summary>
    public static CoachingHint SaySorryHint { get; } = new(
        "Say sorry and own it",
        "I'm so sorry this happened. That's on us, and I'm going to put it right.",
        "An apology works when it is sincere and owned, whoever was at fault.");

    public static IReadOnlyList<CoachingPhrase> DefaultPhrases { get; } =
    [
        new("I understand", "I can only imagine how you feel",
            "Upset customers often hear \"I understand\" as a brush-off: you weren't in their shoes."),
        new("I know how you feel", "That's got to be so frustrating",
            "You can't know how they feel; saying so sounds presumptuous. Naming the feeling shows you listened."),
        new("calm down", "That's got to be so frustrating",
            "Telling an upset person to calm down tends to do the opposite; acknowledge the feeling instead."),
        new("it's our policy", "Here's what I can do",
            "Hiding behind policy sounds like the rules matter more than the customer."),
        new("not my fault", "I'm sorry this happened; let me put it right",
            "Whoever was at fault, the customer needs someone to own the problem."),
        new("you should have", "Here's what I can do",
            "Telling the customer what they did wrong adds insult to the failure."),
        new("there's nothing I can do", "Here's what I can do",
            "There is almost always something: an alternative, a gesture, a follow-up."),
        new("unfortunately", "Here's what I can do",
            "\"Unfortunately\" announces a no; lead with what you can do instead."),
        new("sorry you feel that way", "What an unfortunate situation; I'm sorry this happened",
            "It apologizes for the customer's feelings, not for what went wrong."),
    ];

    /// <summary>Reviews <paramref name="words"/> against <see cref="DefaultPhrases"/>.</summary>
    public static IReadOnlyList<CoachingHint> Review(string words) => Review(words, DefaultPhrases);

    /// <summary>
    /// One hint per phrase found (whole phrase, ignoring case, spacing and curly vs straight apostrophes),
    /// in the order of <paramref name="phrases"/>, then <see cref="SaySorryHint"/> when nothing in the words owns it.
    /// </summary>
    public static IReadOnlyList<CoachingHint> Review(string words, IEnumerable<CoachingPhrase> phrases)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        var text = Normalize(words ?? string.Empty);
        var hints = new List<CoachingHint>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var phrase in phrases)
        {
            var avoid = Normalize(phrase.Avoid ?? string.Empty);
            if (avoid.Length > 0 && seen.Add(avoid) && ContainsWholePhrase(text, avoid))
            {
                hints.Add(new CoachingHint(phrase.Avoid!.Trim(), phrase.Suggestion, phrase.Why));
            }
        }

        if (!text.Contains("sorry", StringComparison.Ordinal) && !text.Contains("apologi", StringComparison.Ordinal))
        {
            hints.Add(SaySorryHint);
        }

        return hints;
    }

    /// <summary>Lower case, one space for any run of whitespace, straight apostrophes.</summary>
    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var raw in text.Trim())
        {
            if (char.IsWhiteSpace(raw))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            var c = raw is '\u2019' or '\u2018' or '\u02BC' or '\u0060' or '\u00B4' ? '\'' : raw;
            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    private static bool ContainsWholePhrase(string text, string phrase)
    {
        for (var at = text.IndexOf(phrase, StringComparison.Ordinal);
             at >= 0;
             at = text.IndexOf(phrase, at + 1, StringComparison.Ordinal))
        {
            var end = at + phrase.Length;
            var startsWord = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            var endsWord = end == text.Length || !char.IsLetterOrDigit(text[end]);
            if (startsWord && endsWord)
            {
                return true;
            }
        }

        return false;
    }
}
