using AiNewsDashboard.Core.Syndication;

namespace AiNewsDashboard.Core.Tests.Syndication;

/// <summary>A pair of articles of <see cref="LabelledPairs"/>, labelled copies or not, and what kind of pair it is.</summary>
public sealed record LabelledPair(int A, int B, bool Copies, string Kind);

/// <summary>
/// A deterministic corpus of news-like articles with labelled pairs: copies as wire services and aggregators make them
/// (verbatim, with the source appended to the title, the excerpt cut short, a word or two edited, the title reworded,
/// one article under two URLs, a rewrite that keeps the picture), and hard negatives (different stories on one topic,
/// a logo on every article of a provider, a stock picture on a few unrelated stories, one boilerplate excerpt under
/// different titles, one wire slug as the title of different stories, one dateline opening different stories).
/// Built from a fixed seed, so every run sees the same articles and pairs.
/// </summary>
public sealed class LabelledPairs
{
    private static readonly string[] Common = """
        the a of to in and for on with at by from as that is was will has have are be it its their new after over about
        said says could would more than but not this which who into up out year first two three last week month day
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);

    private static readonly string[][] Topics =
    [
        "government minister parliament vote election party coalition budget tax reform law court ruling opposition campaign senate bill policy leader president reform spending debt deficit inflation".Split(' '),
        "company shares market investors profit revenue quarter earnings growth stock bank deal merger acquisition billion chief executive analysts forecast sales price rates".Split(' '),
        "storm flood rain wind weather warning coast residents evacuation damage power outage emergency rescue firefighters wildfire heat temperatures drought forecast climate".Split(' '),
        "team match season coach player goal league championship win defeat injury final cup striker transfer stadium fans title points trophy tournament".Split(' '),
        "researchers study scientists data model trial patients vaccine disease hospital health doctors treatment drug results university cancer virus cases infection brain".Split(' '),
        "software users app phone device chip launch update security privacy data breach hackers cloud network platform feature release startup artificial intelligence".Split(' '),
    ];

    private static readonly string[] Places = "london paris berlin tokyo sydney toronto madrid rome chicago boston denver nairobi lagos mumbai seoul".Split(' ');
    private static readonly string[] Names = "smith garcia chen mueller rossi tanaka okafor kowalski dubois novak silva jensen patel kim".Split(' ');

    private readonly Random _random = new(20261204);
    private readonly List<CopyCandidate> _articles = [];
    private readonly List<LabelledPair> _pairs = [];
    private readonly DateTime _start = new(2026, 3, 1, 6, 0, 0, DateTimeKind.Utc);

    public IReadOnlyList<CopyCandidate> Articles => _articles;
    public IReadOnlyList<LabelledPair> Pairs => _pairs;

    public LabelledPairs()
    {
        const string logo = "https://cdn.provider.example/brand/logo.png";
        var stories = new List<(string Title, string Excerpt, int Topic, int Id)>();
        for (var s = 0; s < 160; s++)
        {
            var topic = s % Topics.Length;
            var (title, excerpt) = Story(topic);
            // Every eighth story carries the provider's logo; the logo is on dozens of articles, so it must not count.
            var images = s % 8 == 0 ? new[] { logo } : [];
            var id = Add(title, excerpt, images, s);
            stories.Add((title, excerpt, topic, id));
        }

        // Copies, one kind per story for the first 120 stories.
        for (var s = 0; s < 120; s++)
        {
            var (title, excerpt, _, id) = stories[s];
            var words = excerpt.Split(' ');
            var (kind, copyTitle, copyExcerpt, images) = (s % 6) switch
            {
                0 => ("verbatim with source suffix", $"{title} - {Cap(Pick(Names))} Wire", excerpt, Array.Empty<string>()),
                1 => ("excerpt cut short", title, string.Join(' ', words.Take(words.Length * 3 / 4)) + "...", []),
                2 => ("two words edited", title, Edit(words, 2), []),
                3 => ("title reworded", Edit(title.Split(' '), 1), excerpt, []),
                4 => ("same article, other url", title, excerpt, []),
                _ => ("rewrite with the same picture", Edit(title.Split(' '), 1), Edit(words, 6), [$"https://img.example/{s}/photo.jpg"]),
            };
            if (images.Length > 0)
                _articles[id - 1] = _articles[id - 1] with { ImageUrls = images };
            var copy = Add(copyTitle, copyExcerpt, images, s, hoursLater: 1 + s % 5);
            _pairs.Add(new LabelledPair(id, copy, true, kind));
            // Every third story is carried by a second outlet too.
            if (s % 3 == 0)
            {
                var second = Add($"{title} | {Cap(Pick(Places))} Daily", excerpt, [], s, hoursLater: 6);
                _pairs.Add(new LabelledPair(id, second, true, "verbatim with source suffix"));
                _pairs.Add(new LabelledPair(copy, second, true, "two copies of one story"));
            }
        }

        // Hard negatives.
        for (var i = 0; i < 60; i++)
        {
            // Different stories on the same topic: shared vocabulary, different events.
            var a = stories[i];
            var b = stories[i + Topics.Length];
            _pairs.Add(new LabelledPair(a.Id, b.Id, false, "same topic, different story"));
        }
        var logoCarriers = stories.Where((_, s) => s % 8 == 0).Select(x => x.Id).ToList();
        for (var i = 0; i + 1 < logoCarriers.Count; i++)
            _pairs.Add(new LabelledPair(logoCarriers[i], logoCarriers[i + 1], false, "shared logo"));
        for (var i = 0; i < 12; i++)
        {
            // A stock picture on three unrelated stories: few enough articles that it is not a logo.
            var stock = $"https://stock.example/photos/{i}.jpg";
            var ids = Enumerable.Range(0, 3).Select(k => Add(Story(k).Title, Story(k).Excerpt, [stock], 200 + i)).ToList();
            _pairs.Add(new LabelledPair(ids[0], ids[1], false, "stock image"));
            _pairs.Add(new LabelledPair(ids[1], ids[2], false, "stock image"));
        }
        const string boilerplate = "Sign up for our daily newsletter to get the latest news analysis and opinion delivered to your inbox every morning before work. You can unsubscribe at any time and we will never share your address";
        for (var i = 0; i < 15; i++)
        {
            var x = Add(Story(i % Topics.Length).Title, boilerplate, [], 220 + i);
            var y = Add(Story((i + 1) % Topics.Length).Title, boilerplate, [], 220 + i);
            _pairs.Add(new LabelledPair(x, y, false, "boilerplate excerpt"));
        }
        for (var i = 0; i < 15; i++)
        {
            // One wire slug as the title of different stories, and one dateline opening them.
            var slug = $"AP News in Brief at {i + 1}:04 p.m. EST";
            var x = Add(slug, $"WASHINGTON (AP) — {Story(i % Topics.Length).Excerpt}", [], 240 + i);
            var y = Add(slug, $"WASHINGTON (AP) — {Story((i + 2) % Topics.Length).Excerpt}", [], 240 + i);
            _pairs.Add(new LabelledPair(x, y, false, "wire slug"));
        }
    }

    private int Add(string title, string excerpt, string[] images, int day, int hoursLater = 0)
    {
        var id = _articles.Count + 1;
        _articles.Add(new CopyCandidate(id, title, excerpt, images, _start.AddDays(day).AddHours(hoursLater)));
        return id;
    }

    private (string Title, string Excerpt) Story(int topic)
    {
        var vocabulary = Topics[topic];
        string Sentence(int length) => string.Join(' ', Enumerable.Range(0, length).Select(i => i % 3 == 1 ? Pick(Common) : Pick(vocabulary)));
        var title = $"{Cap(Pick(Places))} {Sentence(_random.Next(6, 10))} {Cap(Pick(Names))}";
        var excerpt = $"{Cap(Sentence(_random.Next(12, 18)))} in {Cap(Pick(Places))}, {Cap(Pick(Names))} said. {Cap(Sentence(_random.Next(10, 16)))} {_random.Next(2, 99)} percent.";
        return (title, excerpt);
    }

    private string Edit(string[] words, int edits)
    {
        var copy = (string[])words.Clone();
        for (var e = 0; e < edits; e++)
            copy[_random.Next(copy.Length)] = Pick(Common);
        return string.Join(' ', copy);
    }

    private string Pick(string[] words) => words[_random.Next(words.Length)];

    private static string Cap(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
