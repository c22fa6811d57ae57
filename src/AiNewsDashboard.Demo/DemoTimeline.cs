namespace AiNewsDashboard.Demo;

/// <summary>
/// When stories happen: 2019-01 .. 2026-10, volume growing over time (with a step after late 2022), fewer stories at
/// weekends and at night (UTC), and per-topic bursts so timelines and heatmaps show structure.
/// Times are whole minutes since <see cref="Epoch"/>.
/// </summary>
internal static class DemoTimeline
{
    public const int Months = 94; // 2019-01 .. 2026-10
    public static readonly DateTime Epoch = new(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Last minute any article may carry: 2026-10-31T23:59Z.</summary>
    public static readonly int LastMinute;

    public static readonly int[] MonthStartMinute = new int[Months];
    public static readonly int[] MonthDays = new int[Months];
    public static readonly int[] MonthStartDayOfWeek = new int[Months];
    public static readonly double[] MonthCumulative = new double[Months];
    public static readonly double[][] TopicCumulativeByMonth = new double[Months][];
    public static readonly double[] HourCumulative;

    /// <summary>Acceptance probability of a day by weekday (Sunday first): weekends are quiet.</summary>
    public static readonly double[] WeekdayAcceptance = [0.36, 0.9, 1.0, 1.0, 0.95, 0.85, 0.4];

    private static readonly double[] HourWeights =
    [
        2, 1.5, 1.2, 1, 1, 1.2, 1.6, 2.2, 3, 3.6, 4, 4.4,
        5, 6.2, 7, 7, 6.6, 6, 5.2, 4.4, 3.6, 3, 2.6, 2.2,
    ];

    static DemoTimeline()
    {
        double total = 0;
        for (int m = 0; m < Months; m++)
        {
            var start = Epoch.AddMonths(m);
            MonthStartMinute[m] = (int)((start - Epoch).Ticks / TimeSpan.TicksPerMinute);
            MonthDays[m] = DateTime.DaysInMonth(start.Year, start.Month);
            MonthStartDayOfWeek[m] = (int)start.DayOfWeek;
            total += Volume(m);
            MonthCumulative[m] = total;

            var topics = DemoVocabulary.Topics;
            var cumulative = new double[topics.Length];
            double t = 0;
            for (int i = 0; i < topics.Length; i++)
            {
                t += topics[i].BaseWeight * Burst(i, m);
                cumulative[i] = t;
            }
            TopicCumulativeByMonth[m] = cumulative;
        }
        LastMinute = (int)((Epoch.AddMonths(Months) - Epoch).Ticks / TimeSpan.TicksPerMinute) - 1;

        HourCumulative = new double[24];
        double h = 0;
        for (int i = 0; i < 24; i++) HourCumulative[i] = h += HourWeights[i];
    }

    public static DateTime ToDateTime(int minute) => Epoch.AddTicks(minute * TimeSpan.TicksPerMinute);

    private static int M(int year, int month) => (year - 2019) * 12 + month - 1;

    /// <summary>Relative number of stories in month m: grows steadily, faster after the late-2022 boom; quieter in August and December.</summary>
    private static double Volume(int m)
    {
        double v = 1 + 0.035 * m + (m > 47 ? 0.07 * (m - 47) : 0);
        return (m % 12) switch
        {
            0 => v * 0.95,
            7 => v * 0.85,
            11 => v * 0.8,
            _ => v,
        };
    }

    private static double Ramp(int m, int from, int to, double a, double b) =>
        m <= from ? a : m >= to ? b : a + (b - a) * (m - from) / (to - from);

    private static double Spike(int m, int at, double height)
    {
        int d = Math.Abs(m - at);
        return d == 0 ? height : d == 1 ? 1 + (height - 1) * 0.35 : 1;
    }

    /// <summary>Multiplier on a topic's base weight in month m: long trends and one-month spikes around (invented) events.</summary>
    private static double Burst(int topic, int m) => topic switch
    {
        1 => Ramp(m, 0, Months - 1, 1.3, 0.8), // Machine Learning: share slowly taken over by newer labels
        2 => Ramp(m, 0, Months - 1, 1.3, 0.7), // Deep Learning
        3 => Ramp(m, M(2022, 10), M(2023, 4), 1, 1.8), // NLP
        4 => Ramp(m, 0, Months - 1, 1.3, 0.75), // Computer Vision
        5 => Ramp(m, M(2023, 12), M(2026, 6), 1, 3) * Spike(m, M(2026, 1), 2), // Robotics: humanoid wave
        6 => Ramp(m, M(2022, 8), M(2023, 3), 0.4, 9) * Ramp(m, M(2023, 3), Months - 1, 1, 1.25) * Spike(m, M(2022, 12), 1.6), // Generative AI
        7 => Ramp(m, M(2020, 5), M(2020, 9), 0.3, 1) * Ramp(m, M(2022, 11), M(2023, 5), 1, 7) * Spike(m, M(2023, 3), 1.8), // LLMs
        8 => Ramp(m, M(2022, 12), Months - 1, 1, 2) // AI Regulation: hearings, acts, deadlines
             * Spike(m, M(2021, 4), 8) * Spike(m, M(2023, 6), 6) * Spike(m, M(2023, 11), 5) * Spike(m, M(2024, 3), 8)
             * Spike(m, M(2024, 8), 4) * Spike(m, M(2025, 2), 5) * Spike(m, M(2025, 8), 5) * Spike(m, M(2026, 8), 6),
        9 => Ramp(m, M(2020, 6), M(2021, 6), 1, 1.5) * Spike(m, M(2020, 12), 2.5), // AI Ethics
        10 => Ramp(m, M(2022, 6), M(2024, 6), 1, 3) * Spike(m, M(2022, 8), 4) * Spike(m, M(2025, 1), 3) * Spike(m, M(2020, 9), 2.5), // Chips
        11 => Ramp(m, 0, M(2023, 1), 2, 0.8) * Ramp(m, M(2025, 1), Months - 1, 1, 1.6) * Spike(m, M(2024, 10), 4), // Autonomous Vehicles
        12 => Ramp(m, M(2020, 2), M(2020, 3), 1, 3) * Ramp(m, M(2020, 6), M(2020, 9), 1, 1.0 / 3), // Healthcare AI: pandemic year
        13 => Ramp(m, M(2023, 2), M(2024, 2), 0.8, 2) * Spike(m, M(2023, 3), 4) * Spike(m, M(2023, 5), 3) * Spike(m, M(2023, 11), 5), // AI Safety
        14 => Ramp(m, 0, Months - 1, 1, 1.4), // Cloud
        17 => Spike(m, M(2020, 12), 2.5), // Speech
        18 => Ramp(m, M(2023, 8), M(2025, 8), 1, 2.2), // Edge AI
        19 => Spike(m, M(2024, 7), 2.5) * Spike(m, M(2021, 12), 2), // Cybersecurity
        20 => Spike(m, M(2019, 10), 4) * Spike(m, M(2024, 12), 4) * Spike(m, M(2025, 6), 2), // Quantum
        22 => Ramp(m, M(2023, 1), M(2024, 1), 1, 2.5) * Spike(m, M(2025, 1), 3) * Spike(m, M(2023, 7), 2), // Open Source
        23 => Ramp(m, M(2020, 9), M(2021, 9), 1, 1.6) * Ramp(m, M(2022, 5), M(2022, 8), 1, 0.6) * Ramp(m, M(2023, 1), M(2023, 8), 1, 2.2), // Startups
        24 => Ramp(m, M(2023, 1), M(2024, 12), 1, 2.5), // Enterprise AI
        26 => Spike(m, M(2022, 3), 2.5), // Drones
        28 => Spike(m, M(2020, 4), 3) * Spike(m, M(2023, 1), 3), // Education Technology
        _ => 1,
    };
}
