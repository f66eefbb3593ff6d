using System.Globalization;

namespace ServiceRecovery.Web.Features.Insights;

/// <summary>
/// The fixed histogram of business minutes that the daily roll-up keeps for each duration measure (ADR 0018). A
/// duration of m minutes falls in the first bucket whose upper edge is ≥ m; the last bucket is open-ended. A
/// percentile read from the histogram is the bucket that holds it ("between 2 h and 3 h"): the true value lies in
/// that bucket, so the precision is the bucket's width (about ×1.5 between edges).
/// </summary>
public static class KpiBuckets
{
    /// <summary>Upper edges, in business minutes: 5 min … 14 days; one more bucket holds everything above.</summary>
    public static readonly IReadOnlyList<int> Edges =
        [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 360, 480, 720, 960, 1440, 2160, 2880, 4320, 5760, 7200, 10080, 14400, 20160];

    public static int Count => Edges.Count + 1;

    /// <summary>The bucket of <paramref name="minutes"/> (0-based).</summary>
    public static int Of(int minutes)
    {
        for (var i = 0; i < Edges.Count; i++)
        {
            if (minutes <= Edges[i])
            {
                return i;
            }
        }

        return Edges.Count;
    }

    /// <summary>The lower (exclusive) and upper (inclusive) edge of bucket <paramref name="i"/>; upper null for the last.</summary>
    public static (int Lower, int? Upper) Range(int i) =>
        (i == 0 ? 0 : Edges[i - 1], i < Edges.Count ? Edges[i] : null);

    /// <summary>The nearest-rank percentile's bucket (0 &lt; <paramref name="p"/> ≤ 1): the bucket holding the ⌈p·n⌉-th smallest value.</summary>
    public static int? PercentileBucket(IReadOnlyList<long> histogram, double p)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var n = histogram.Sum();
        if (n == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(p * n - 1e-9);
        rank = Math.Max(1, rank);
        long seen = 0;
        for (var i = 0; i < histogram.Count; i++)
        {
            seen += histogram[i];
            if (seen >= rank)
            {
                return i;
            }
        }

        return histogram.Count - 1;
    }

    /// <summary>The SQL column of bucket <paramref name="i"/> of a measure (<c>fr_h00</c>).</summary>
    public static string Column(string measure, int i) => string.Create(CultureInfo.InvariantCulture, $"{measure}_h{i:00}");

    /// <summary>A bucket as people read it: "2 h – 3 h", "≤ 5 min", "> 14 days".</summary>
    public static string Describe(int i)
    {
        var (lower, upper) = Range(i);
        return upper is not { } u ? "> " + Duration(lower)
            : lower == 0 ? "≤ " + Duration(u)
            : Duration(lower) + " – " + Duration(u);
    }

    public static string Duration(int minutes) =>
        minutes % 1440 == 0 && minutes >= 1440 ? string.Create(CultureInfo.InvariantCulture, $"{minutes / 1440} d")
        : minutes % 60 == 0 && minutes >= 60 ? string.Create(CultureInfo.InvariantCulture, $"{minutes / 60} h")
        : minutes > 60 ? string.Create(CultureInfo.InvariantCulture, $"{minutes / 60.0:0.#} h")
        : string.Create(CultureInfo.InvariantCulture, $"{minutes} min");
}
