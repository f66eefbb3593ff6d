using System.Globalization;

namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled.</summary>
public static class Csv
{
    public static string Line(params string?[] fields) => string.Join(",", fields.Select(Field));

    /// <summary>
    /// Starts a CSV download: the content type, the file name, and <c>Cache-Control: no-store</c> (the rows are
    /// personal data: no browser or proxy may keep a copy). Returns the writer for the rows (UTF-8, no BOM).
    /// </summary>
    public static StreamWriter Download(HttpResponse response, string fileName)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        return new StreamWriter(response.Body, new System.Text.UTF8Encoding(false), bufferSize: 16 * 1024);
    }

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
