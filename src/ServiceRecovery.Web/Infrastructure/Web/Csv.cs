using System.Globalization;

namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled.</summary>
public static class Csv
{
    public static string Line(params string?[] fields) => string.Join(",", fields.Select(Field));

    public static string Field(string? value)
    {
        value ??= "";
        // Cells starting with = + - @ are read as formulas by spreadsheets: prefix them (CSV injection).
        if (value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
