using AiNewsDashboard.Core.Import;

namespace AiNewsDashboard.Core.Tests.Import;

public class ArticleFileParserSampleTests
{
    private static byte[] Sample(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", name));

    private static DateTime Utc(int y, int mo, int d, int h, int mi) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    [Fact]
    public void Parse_Sample000_EveryFieldComesThrough()
    {
        ParseResult result = new ArticleFileParser().Parse(Sample("000_e20d2ef016d8fe97.txt"));

        ArticleFile a = TestDocs.Accepted(result);
        Assert.Empty(result.Problems);
        Assert.Equal("news", a.Category);
        Assert.Equal("MLCommons releases open-source datasets for training speech recognition models", a.Title);
        Assert.Equal("The MLCommons Association, a nonprofit consortium that has the goal of improving machine learning for the public good, has announced the release of two key new datasets that it says can be leverage by organizations to develop superior artificial intelligence models.", a.Excerpt);
        Assert.Equal(Utc(2021, 12, 14, 23, 46), a.PublishedAt);
        Assert.Equal(DateTimeKind.Utc, a.PublishedAt!.Value.Kind);
        Assert.Equal("https://siliconangle.com/2021/12/14/mlcommons-releases-open-source-datasets-training-speech-recognition-models/", a.OriginalUrl);
        Assert.Equal("https://siliconangle.com/2021/12/14/mlcommons-releases-open-source-datasets-training-speech-recognition-models/", a.WebUrl);
        Assert.Equal("article", a.Type);
        Assert.Equal(50, a.Quality);
        Assert.Equal(60, a.Heat);
        Assert.False(a.Published);
        Assert.Equal(new ProviderInfo("SiliconANGLE", "siliconangle.com"), a.Provider);
        Assert.Equal(new[] { "Natural Language Processing", "AI" }, a.Topics);
        ImageInfo image = Assert.Single(a.Images);
        Assert.Equal(new ImageInfo("https://d15shllkswkct0.cloudfront.net/wp-content/blogs.dir/1/files/2021/12/modern-microphone.jpg", 2000, 1333, true), image);

        RelatedEntry r = Assert.Single(a.Related);
        Assert.Equal("MLCommons\u2122 Association Unveils Open Datasets and Tools to Drive Democratization of Machine Learning", r.Title);
        Assert.Equal("The MLCommons Association, an open engineering consortium dedicated to improving machine learning for everyone, today announced the general availability of the People\u2019s Speech Dataset and the Multilingual Spoken Words Corpus (MSWC).", r.Excerpt);
        Assert.Equal(Utc(2021, 12, 14, 18, 2), r.PublishedAt);
        Assert.Equal(DateTimeKind.Utc, r.PublishedAt!.Value.Kind);
        Assert.Equal("https://apnews.com/press-release/GlobeNewswire/technology-engineering-0260d4cc951788d865bdfc7dda966294", r.WebUrl);
        Assert.Null(r.AmpWebUrl);
        Assert.Null(r.CdnAmpWebUrl);
        Assert.Equal("article", r.Type);
        Assert.Equal(new ProviderInfo("Associated Press", "apnews.com"), r.Provider);
        Assert.Equal(40, r.Quality);
        Assert.Equal(new[] { new ImageInfo("https://apnews.com/images/PaidContent3.png", 700, 450, true) }, r.Images);
        Assert.Null(r.ExtraJson);

        Assert.Equal("AY72LhWuvQhh7i3AsegctWlXIRkHvi7d2B5jpDedrq+/ZxjQpG5lVZLW4jqsM/+evvB8/2RFl7NA2OqmNkGNSdoR9eNEyAe7xoPpoHn6YcW9c8EMV+x8NJqzlIsTirYmNch66acg1YSP5nDFxZEoWAupcIWnOGbQkU7OD5uYjl9NVuUD9VgDYDQ/PrGh+b7/fQoPR6Ef0/y8PnyJGBwwBoio09BSgJnUQXo5qEUpB0ECDzLIt8TPTHaYlZwEgezN+C6WQFyH3a0yPYTEuVJHV+xdLxlg12NvbN2jyzd/U9KBBtwqNGVPG4dDXtJrbhGHYjttMEzwXOOhUP698RsRMErHFdW2i7BDKtxkDva8Yx+dHdoc6gPtnhTyZVnroRNKOQ5j5pyrWq8Do5O4GZVTdnTwp8US1ZuHmuYCxQydIHWcYumh+vL+vQChOKWs6vsMQ4wR/DacZbwfaLB7h7M/T4R4ZKG+KxD+NX4gUkxwI7rLYlEeHiugNAGsi2Ecy9xdvOhhhGqOQQvA/n0rog4n5Q==;JNJrwA80iWtsLiz014gG5A==", a.Secured);
        Assert.Null(a.ExtraJson);
    }

    [Fact]
    public void Parse_Sample003_EveryFieldComesThrough()
    {
        ParseResult result = new ArticleFileParser().Parse(Sample("003_7cc2048ed152b767.txt"));

        ArticleFile a = TestDocs.Accepted(result);
        Assert.Empty(result.Problems);
        Assert.Equal("news", a.Category);
        Assert.Equal("MLCommons Launches and Unites 50+ Global Technology and Academic Leaders in AI and Machine Learning to Accelerate Innovation in ML", a.Title);
        Assert.Equal("Today, MLCommons, an open engineering consortium, launches its industry-academic partnership to accelerate machine learning innovation and broaden access to this critical technology for the public good.", a.Excerpt);
        Assert.Equal(Utc(2020, 12, 3, 17, 1), a.PublishedAt);
        const string url = "https://apnews.com/press-release/business-wire/technology-business-toronto-north-america-software-industry-759fd12740d94f46a3faa27c93149239";
        Assert.Equal(url, a.OriginalUrl);
        Assert.Equal(url, a.WebUrl);
        Assert.Equal("article", a.Type);
        Assert.Equal(39, a.Quality);
        Assert.Null(a.Heat); // heat: -1 means unknown
        Assert.False(a.Published);
        Assert.Equal(new ProviderInfo("Associated Press", "apnews.com"), a.Provider);
        Assert.Equal(new[] { "Machine Learning", "AI" }, a.Topics);
        Assert.Equal(new[] { new ImageInfo("https://apnews.com/images/PaidContent3.png", 700, 450, true) }, a.Images);
        Assert.Equal("yATpCqHRuxZ82jzIuN5qymxM2Zv8Z/JQNt5/f7w0fOG8NwTTzntaFRD72n2Kyc0e2EDPfZHSSZ2Nw/r6S5QMtf7iZKJggNYpCOSHgk8t/1nvC4nU9YncYRLtAzxxQ5PkxC/S3d8Yztt0XKJ7XlOOLqQ89g0oAZFQe5Lg65fI5YW9MqUaOeDAYoAf9osCVapKjvw01qvVjU20IBB9/FY5aDoBe5fa0VTRoqSrO1zH370dMaRvWOytXpYSDMm1X0fcc8yUlkSDoFSS1Fl3o6nSfUwXgkqvs0GudvYrCgdYuH8y4U/DZ7j8cjzOBGfeyzb8JOK3IpXdj/DkeLUkSp14ZMN1Iouc0sb9dmoek23k6zc=;KXoNrdd+8C5Zi5QARbRnPQ==", a.Secured);
        Assert.Null(a.ExtraJson);

        Assert.Equal(3, a.Related.Count);

        RelatedEntry r0 = a.Related[0];
        Assert.Equal("MLCommons debuts with public 86,000-hour speech data set for AI researchers", r0.Title);
        Assert.Equal("If you want to make a machine learning system, you need data for it, but that data isn\u2019t always easy to come by. MLCommons aims to unite disparate companies and organizations in the creation of large public databases for AI training,", r0.Excerpt);
        Assert.Equal(Utc(2020, 12, 5, 0, 32), r0.PublishedAt);
        Assert.Equal("https://techcrunch.com/2020/12/03/mlcommons-debuts-first-public-database-for-ai-researchers-with-86000-hours-of-speech/?tpcc=ECTW2020", r0.WebUrl);
        Assert.Equal("https://techcrunch.com/2020/12/03/mlcommons-debuts-first-public-database-for-ai-researchers-with-86000-hours-of-speech/amp/", r0.AmpWebUrl);
        Assert.Equal("https://techcrunch-com.cdn.ampproject.org/c/s/techcrunch.com/2020/12/03/mlcommons-debuts-first-public-database-for-ai-researchers-with-86000-hours-of-speech/amp/", r0.CdnAmpWebUrl);
        Assert.Equal("article", r0.Type);
        Assert.Equal(new ProviderInfo("TechCrunch", "techcrunch.com"), r0.Provider);
        Assert.Equal(85, r0.Quality);
        Assert.Equal(new[] { new ImageInfo("https://techcrunch.com/wp-content/uploads/2020/12/MLCommons.png?w=1024", 1024, 730, true) }, r0.Images);
        Assert.Null(r0.ExtraJson);

        RelatedEntry r1 = a.Related[1];
        Assert.Equal("MLCommons Launches and Unites 50+ Tech and Academic Leaders in AI, ML", r1.Title);
        Assert.Equal("Benchmarks and Best Practices Align Industry and Research to Drive AI Forward The opportunities ... Dell Technologies, d-Matrix Corp., Facebook AI, Fujitsu Ltd, FuriosaAI, Inc., Gigabyte Technology Co., LTD., Google LLC, Grai Matter Labs, Graphcore Limited ...", r1.Excerpt);
        Assert.Equal(Utc(2020, 12, 3, 18, 55), r1.PublishedAt);
        Assert.Equal("https://www.hpcwire.com/off-the-wire/mlcommons-launches-and-unites-50-tech-and-academic-leaders-in-ai-ml/", r1.WebUrl);
        Assert.Null(r1.AmpWebUrl);
        Assert.Null(r1.CdnAmpWebUrl);
        Assert.Equal("article", r1.Type);
        Assert.Equal(new ProviderInfo("HPCwire", "hpcwire.com"), r1.Provider);
        Assert.Equal(56, r1.Quality);
        Assert.Equal(new[] { new ImageInfo("https://6lli539m39y3hpkelqsm3c2fg-wpengine.netdna-ssl.com/wp-content/uploads/2020/12/shutterstock_nuclear_war-405x228.jpg", 405, 228, true) }, r1.Images);
        Assert.Null(r1.ExtraJson);

        RelatedEntry r2 = a.Related[2];
        Assert.Equal("Creators of MLPerf Launch MLCommons Consortium for Machine Learning Benchmarks, Metrics, Datasets, Models and Best Practices", r2.Title);
        Assert.Equal("Today, open engineering consortium MLCommons launched an industry-academic partnership to accelerate machine learning innovation and broaden access to this critical technology for the public good. MLCommons will focus on: Benchmarks and Metrics\u00a0\u2013 that deliver transparency and a level playing field for comparing ML systems,", r2.Excerpt);
        Assert.Equal(Utc(2020, 12, 3, 20, 17), r2.PublishedAt);
        Assert.Equal("https://insidehpc.com/2020/12/creators-of-mlperf-launch-mlcommons-consortium-for-machine-learning-benchmarks-metrics-datasets-models-and-best-practices/", r2.WebUrl);
        Assert.Null(r2.AmpWebUrl);
        Assert.Null(r2.CdnAmpWebUrl);
        Assert.Equal("article", r2.Type);
        Assert.Equal(new ProviderInfo("insideHPC", "insidehpc.com"), r2.Provider);
        Assert.Equal(7, r2.Quality);
        Assert.Empty(r2.Images);
        Assert.Null(r2.ExtraJson);
    }

    [Fact]
    public void Parse_SampleBytesAndText_GiveTheSameArticle()
    {
        byte[] bytes = Sample("003_7cc2048ed152b767.txt");
        var parser = new ArticleFileParser();

        ArticleFile fromBytes = TestDocs.Accepted(parser.Parse(bytes));
        ArticleFile fromText = TestDocs.Accepted(parser.ParseText(System.Text.Encoding.UTF8.GetString(bytes)));

        Assert.Equal(fromBytes.Title, fromText.Title);
        Assert.Equal(fromBytes.Related.Count, fromText.Related.Count);
        Assert.Equal(fromBytes.Secured, fromText.Secured);
    }

    [Fact]
    public async Task Parse_ConcurrentCallsOnOneInstance_AllGiveTheSameResult()
    {
        var parser = new ArticleFileParser();
        byte[][] samples = { Sample("000_e20d2ef016d8fe97.txt"), Sample("003_7cc2048ed152b767.txt") };
        string[] expected = samples.Select(s => parser.Parse(s).Article!.Title).ToArray();

        Task<bool>[] workers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            for (int i = 0; i < 300; i++)
            {
                int k = (i + w) % 2;
                ParseResult r = parser.Parse(samples[k]);
                if (r.IsRejected || r.Article!.Title != expected[k] || r.Article.Related.Count != (k == 0 ? 1 : 3))
                {
                    return false;
                }
            }

            return true;
        })).ToArray();

        bool[] results = await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.All(results, Assert.True);
    }
}
