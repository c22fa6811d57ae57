using System.Text;

namespace AiNewsDashboard.Web.Api;

/// <summary>
/// CSV cells as spreadsheets read them safely: quoted when needed, and a leading = + - @ tab or CR (which a
/// spreadsheet would run as a formula) is neutralised with a leading apostrophe.
/// </summary>
public static class Csv
{
    public static string Line(params object?[] cells)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
                sb.Append(',');
            sb.Append(Cell(cells[i]));
        }
        return sb.ToString();
    }

    public static string Cell(object? value)
    {
        var s = value switch
        {
            null => "",
            DateTime d => d.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            // Every digit the JSON API gives, so a CSV value always equals its JSON twin (a share of 0.0004 is not 0).
            double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        if (s.Length > 0 && value is string && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            s = "'" + s;
        return s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
    }
}
