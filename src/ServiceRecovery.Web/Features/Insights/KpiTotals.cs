namespace ServiceRecovery.Web.Features.Insights;

/// <summary>The roll-up's columns summed over a set of rows (<see cref="KpiColumns"/>), by column name.</summary>
public sealed class KpiTotals
{
    private readonly Dictionary<string, decimal> _sums = new(StringComparer.Ordinal);

    public decimal this[string column] => _sums.TryGetValue(column, out var v) ? v : 0m;

    public long Count(string column) => (long)this[column];

    public void Add(string column, decimal value) => _sums[column] = this[column] + value;

    public void Add(KpiTotals other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (k, v) in other._sums)
        {
            Add(k, v);
        }
    }

    /// <summary>The histogram of a duration measure ("fr", "res").</summary>
    public IReadOnlyList<long> Histogram(string measure) =>
        [.. Enumerable.Range(0, KpiBuckets.Count).Select(i => Count(KpiBuckets.Column(measure, i)))];
}
