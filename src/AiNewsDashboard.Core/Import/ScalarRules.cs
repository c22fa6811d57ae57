using System.Globalization;

namespace AiNewsDashboard.Core.Import;

/// <summary>Strict, allocation-free readers for scalar texts (dates, integers, booleans).</summary>
internal static class ScalarRules
{
    /// <summary>
    /// ISO-8601 date or date-time, returned in UTC. Accepts "YYYY-MM-DD" (midnight UTC),
    /// "YYYY-MM-DD[T| ]hh:mm[:ss[.fraction]]" with an optional "Z" or "±hh[[:]mm]" offset (none = UTC),
    /// also the YAML spelling with spaces before the offset. Impossible dates (2021-02-30) are refused.
    /// </summary>
    public static bool TryParseDate(ReadOnlySpan<char> s, out DateTime utc)
    {
        utc = default;
        s = s.Trim();
        if (s.Length < 10 || s.Length > 64)
        {
            return false;
        }

        if (!TryDigits(s, 0, 4, out int year) || s[4] != '-' || !TryDigits(s, 5, 2, out int month) || s[7] != '-'
            || !TryDigits(s, 8, 2, out int day))
        {
            return false;
        }

        if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        long ticks = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc).Ticks;
        if (s.Length == 10)
        {
            utc = new DateTime(ticks, DateTimeKind.Utc);
            return true;
        }

        int i = 10;
        char sep = s[i];
        if (sep == 'T' || sep == 't')
        {
            i++;
        }
        else if (sep == ' ' || sep == '\t')
        {
            while (i < s.Length && (s[i] == ' ' || s[i] == '\t'))
            {
                i++;
            }
        }
        else
        {
            return false;
        }

        // Hour: one or two digits (YAML allows one).
        int hour = 0, hourDigits = 0;
        while (i < s.Length && hourDigits < 2 && IsDigit(s[i]))
        {
            hour = hour * 10 + (s[i] - '0');
            hourDigits++;
            i++;
        }

        if (hourDigits == 0 || i >= s.Length || s[i] != ':' || !TryDigits(s, i + 1, 2, out int minute))
        {
            return false;
        }

        i += 3;
        int second = 0;
        long fraction = 0;
        if (i < s.Length && s[i] == ':')
        {
            if (!TryDigits(s, i + 1, 2, out second))
            {
                return false;
            }

            i += 3;
            if (i < s.Length && (s[i] == '.' || s[i] == ','))
            {
                i++;
                int digits = 0;
                long scale = TimeSpan.TicksPerSecond;
                while (i < s.Length && IsDigit(s[i]))
                {
                    if (scale > 1)
                    {
                        scale /= 10;
                        fraction += (s[i] - '0') * scale;
                    }

                    digits++;
                    i++;
                }

                if (digits == 0)
                {
                    return false;
                }
            }
        }

        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        ticks += hour * TimeSpan.TicksPerHour + minute * TimeSpan.TicksPerMinute + second * TimeSpan.TicksPerSecond + fraction;

        while (i < s.Length && (s[i] == ' ' || s[i] == '\t'))
        {
            i++;
        }

        if (i < s.Length)
        {
            char z = s[i];
            if ((z == 'Z' || z == 'z') && i == s.Length - 1)
            {
                i++;
            }
            else if (z == '+' || z == '-')
            {
                i++;
                int offHour = 0, offDigits = 0;
                while (i < s.Length && offDigits < 2 && IsDigit(s[i]))
                {
                    offHour = offHour * 10 + (s[i] - '0');
                    offDigits++;
                    i++;
                }

                if (offDigits == 0)
                {
                    return false;
                }

                int offMinute = 0;
                if (i < s.Length)
                {
                    if (s[i] == ':')
                    {
                        i++;
                    }

                    if (!TryDigits(s, i, 2, out offMinute))
                    {
                        return false;
                    }

                    i += 2;
                }

                if (i != s.Length || offMinute > 59 || offHour * 60 + offMinute > 14 * 60)
                {
                    return false;
                }

                long offset = offHour * TimeSpan.TicksPerHour + offMinute * TimeSpan.TicksPerMinute;
                ticks += z == '+' ? -offset : offset;
            }
            else
            {
                return false;
            }
        }

        if (i != s.Length || ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        utc = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }

    /// <summary>A decimal integer with an optional sign; surrounding spaces allowed, nothing else ("64", "-1", "+7").</summary>
    public static bool TryParseInt(ReadOnlySpan<char> s, out int value)
    {
        s = s.Trim();
        if (s.Length == 0 || s.Length > 12)
        {
            value = 0;
            return false;
        }

        return int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>"true" or "false" in any letter case.</summary>
    public static bool TryParseBool(ReadOnlySpan<char> s, out bool value)
    {
        s = s.Trim();
        if (s.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        if (s.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            value = false;
            return true;
        }

        value = false;
        return false;
    }

    private static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    private static bool TryDigits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        if (start < 0 || start + count > s.Length)
        {
            return false;
        }

        for (int k = start; k < start + count; k++)
        {
            char c = s[k];
            if (!IsDigit(c))
            {
                return false;
            }

            value = value * 10 + (c - '0');
        }

        return true;
    }
}
