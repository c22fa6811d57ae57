namespace AiNewsDashboard.TestSupport;

/// <summary>
/// A corpus with one coverage gap: nine weeks up to <see cref="Last"/> in which "Steady" gets eleven articles a week from
/// good.example (quality 90), fine.example (85), cheap.example (20) and spam.example (25), and "Quantum" one a week from
/// good.example; in the last week "Quantum" surges to fifteen articles (heat 80) from cheap.example and spam.example only.
/// </summary>
public static class BlindspotCorpus
{
    public static readonly DateOnly Last = new(2024, 3, 31);

    /// <param name="scored">False: no article carries a quality, as in most real corpora.</param>
    public static ArticleBuilder[] Articles(bool scored = true)
    {
        var articles = new List<ArticleBuilder>();
        void Add(int week, int count, string domain, string topic, int quality, int heat = 10)
        {
            for (var i = 0; i < count; i++)
                articles.Add(new ArticleBuilder().From(domain).PublishedAt(Last.AddDays(-7 * week - i % 7).ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc))
                    .WithQuality(scored ? quality : null).WithHeat(heat).WithTopics(topic));
        }
        for (var week = 0; week <= 8; week++)
        {
            Add(week, 3, "good.example", "Steady", 90);
            Add(week, 3, "fine.example", "Steady", 85);
            Add(week, 3, "cheap.example", "Steady", 20);
            Add(week, 2, "spam.example", "Steady", 25);
            if (week > 0)
                Add(week, 1, "good.example", "Quantum", 90);
        }
        Add(0, 8, "cheap.example", "Quantum", 20, heat: 80);
        Add(0, 7, "spam.example", "Quantum", 25, heat: 80);
        return [.. articles];
    }
}
