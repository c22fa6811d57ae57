using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Web.Components.Pages;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace AiNewsDashboard.Web.Reports;

/// <summary>
/// The managers' report as PDF (A4): on every page the title, the filter in words and the date range at the top, and the
/// generation time and page number at the bottom; then the summary (best, slipping, movers, each with its definition), the
/// timeline, and the leaderboard's first rows as a chart (score ± error) and a table, saying how many providers are left out.
/// </summary>
public static class ProviderReportPdf
{
    private const double Margin = 40;
    private const double PageWidth = 595.28, PageHeight = 841.89;
    private const double Width = PageWidth - 2 * Margin;
    private const double FooterTop = PageHeight - Margin + 8;

    public static byte[] Write(ProviderReport report)
    {
        ReportFonts.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = report.Title;
        document.Info.Creator = "AiNewsDashboard";
        using (var layout = new Layout(document, report))
        {
            layout.Summary();
            layout.TimelineChart();
            layout.Leaderboard();
        }
        Footers(document, report);
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    private static void Footers(PdfDocument document, ProviderReport report)
    {
        var font = Fonts.Small;
        for (var i = 0; i < document.PageCount; i++)
        {
            using var gfx = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
            gfx.DrawString($"Generated {Labels.Date(report.GeneratedUtc.UtcDateTime)} by AiNewsDashboard", font, XBrushes.Gray,
                new XPoint(Margin, FooterTop), XStringFormats.TopLeft);
            gfx.DrawString($"Page {i + 1} of {document.PageCount}", font, XBrushes.Gray, new XPoint(PageWidth - Margin, FooterTop), XStringFormats.TopRight);
        }
    }

    private static class Fonts
    {
        private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
        public static readonly XFont Title = new(ReportFonts.Family, 15, XFontStyleEx.Bold, Unicode);
        public static readonly XFont Heading = new(ReportFonts.Family, 11, XFontStyleEx.Bold, Unicode);
        public static readonly XFont Body = new(ReportFonts.Family, 8.5, XFontStyleEx.Regular, Unicode);
        public static readonly XFont Bold = new(ReportFonts.Family, 8.5, XFontStyleEx.Bold, Unicode);
        public static readonly XFont Small = new(ReportFonts.Family, 7, XFontStyleEx.Regular, Unicode);
    }

    /// <summary>A cursor down the pages: each new page starts with the header.</summary>
    private sealed class Layout : IDisposable
    {
        private readonly PdfDocument _document;
        private readonly ProviderReport _report;
        private XGraphics _gfx = null!;
        private double _y;

        public Layout(PdfDocument document, ProviderReport report)
        {
            _document = document;
            _report = report;
            NewPage();
        }

        public void Dispose() => _gfx.Dispose();

        private void NewPage()
        {
            _gfx?.Dispose();
            var page = _document.AddPage();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            _gfx = XGraphics.FromPdfPage(page);
            _y = Margin;
            Text(_report.Title, Fonts.Title, XBrushes.Black);
            Text("Filter: " + Components.Filters.FilterWords.Of(_report.Filter), Fonts.Body, XBrushes.Black);
            Text("Dates: " + Components.Filters.FilterWords.Dates(_report.Filter), Fonts.Body, XBrushes.Black);
            _y += 3;
            _gfx.DrawLine(XPens.LightGray, Margin, _y, PageWidth - Margin, _y);
            _y += 8;
        }

        /// <summary>Starts a new page unless <paramref name="height"/> points still fit on this one.</summary>
        private void Need(double height)
        {
            if (_y + height > FooterTop - 6)
                NewPage();
        }

        /// <summary>Wrapped text across the full width (or from <paramref name="x"/>); returns the height it took.</summary>
        private void Text(string text, XFont font, XBrush brush, double x = Margin, double? width = null)
        {
            var lineHeight = font.GetHeight() * 1.15;
            foreach (var line in Wrap(text, font, width ?? PageWidth - Margin - x))
            {
                Need(lineHeight);
                _gfx.DrawString(line, font, brush, new XPoint(x, _y), XStringFormats.TopLeft);
                _y += lineHeight;
            }
        }

        private IEnumerable<string> Wrap(string text, XFont font, double width)
        {
            var line = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && _gfx.MeasureString(candidate, font).Width > width)
                {
                    yield return line;
                    line = word;
                }
                else
                    line = candidate;
            }
            if (line.Length > 0)
                yield return line;
        }

        private void Heading(string text, double keepWith)
        {
            Need(Fonts.Heading.GetHeight() * 1.6 + keepWith);
            _y += 4;
            Text(text, Fonts.Heading, XBrushes.Black);
            _y += 2;
        }

        /// <summary>A name on the left, its figures on the right: one line of a summary list.</summary>
        private void Line(string name, string figures)
        {
            var h = Fonts.Body.GetHeight() * 1.2;
            Need(h);
            var figureWidth = _gfx.MeasureString(figures, Fonts.Body).Width;
            _gfx.DrawString(Cut(name, Fonts.Body, Width - figureWidth - 20), Fonts.Body, XBrushes.Black, new XPoint(Margin + 8, _y), XStringFormats.TopLeft);
            _gfx.DrawString(figures, Fonts.Body, XBrushes.Black, new XPoint(PageWidth - Margin, _y), XStringFormats.TopRight);
            _y += h;
        }

        private string Cut(string s, XFont font, double width)
        {
            if (_gfx.MeasureString(s, font).Width <= width)
                return s;
            var n = s.Length;
            while (n > 1 && _gfx.MeasureString(s[..n] + "…", font).Width > width)
                n--;
            return s[..n] + "…";
        }

        public void Summary()
        {
            var s = _report.Summary;
            Text($"{Labels.Count(s.Articles, "article")} match, {Labels.Count(s.RatedArticles)} with a quality score.", Fonts.Body, XBrushes.Black);

            Heading("Best", 30);
            Text(ProviderSummaryText.BestDefinition(s), Fonts.Small, XBrushes.Gray);
            foreach (var p in s.Best)
                Line(p.Name, $"score {Labels.Number(p.Score)} ± {Labels.Number(p.ScoreError)} ({Labels.Count(p.Articles, "article")})");
            if (s.BestGap != SummaryGap.None)
                Text(ProviderSummaryText.BestGap(s), Fonts.Body, XBrushes.Gray, Margin + 8);

            Heading("Slipping", 30);
            Text(ProviderSummaryText.SlippingDefinition(s), Fonts.Small, XBrushes.Gray);
            foreach (var m in s.Slipping)
                Line(m.Name, Move(m));
            if (s.SlippingCount > s.Slipping.Count)
                Text($"and {Labels.Count(s.SlippingCount - s.Slipping.Count, "more provider")}", Fonts.Small, XBrushes.Gray, Margin + 8);
            if (s.SlippingGap != SummaryGap.None)
                Text(ProviderSummaryText.SlippingGap(s), Fonts.Body, XBrushes.Gray, Margin + 8);

            Heading("Biggest movers", 30);
            Text(ProviderSummaryText.MoversDefinition(s), Fonts.Small, XBrushes.Gray);
            foreach (var m in s.Movers)
                Line(m.Name, Move(m));
            if (s.MoversGap != SummaryGap.None)
                Text(ProviderSummaryText.ComparisonGap(s, s.MoversGap), Fonts.Body, XBrushes.Gray, Margin + 8);
        }

        private static string Move(ProviderMove m) =>
            $"{ProviderSummaryText.Signed(m.Quality.Change)} ± {Labels.Number(m.Quality.Error)} {(m.Quality.IsBeyondNoise ? "●" : "within noise")} " +
            $"({Labels.Count(m.PreviousRatedArticles)} → {Labels.Count(m.RatedArticles, "rated article")})";

        public void TimelineChart()
        {
            const double height = 110;
            Heading($"Articles per {_report.Timeline.Granularity.ToString().ToLowerInvariant()}", height);
            Image(ReportCharts.Timeline(_report.Timeline, Width, height), height);
            if (_report.Timeline.Undated > 0)
                Text($"{Labels.Count(_report.Timeline.Undated, "article")} without a date are not drawn.", Fonts.Small, XBrushes.Gray);
        }

        public void Leaderboard()
        {
            var board = _report.Leaderboard;
            var order = _report.Request.Sort;
            Heading("Leaderboard", 60);
            var search = _report.Request.Search is { } q ? $" whose name or domain contains '{q}'" : "";
            Text($"The first {Labels.Count(board.Providers.Count)} of {Labels.Count(board.Total, "provider")}{search}, by {SortName(order.Key)} " +
                 $"({(order.Ascending ? "ascending" : "descending")}); " +
                 (_report.LeftOut > 0 ? $"{Labels.Count(_report.LeftOut)} left out (all of them: Export CSV on the Providers page)." : "none left out."),
                Fonts.Body, XBrushes.Black);
            if (board.PriorMean is { } m)
                Text($"Score = quality shrunk towards the mean of all matching articles ({Labels.Number(m)}) with the weight of " +
                     $"{board.PriorWeight:0} articles; ± its standard error.", Fonts.Small, XBrushes.Gray);
            if (board.Providers.Count == 0)
                return;

            var (png, height) = ReportCharts.QualityBars(board, Width);
            Need(height);
            Image(png, height);
            _y += 6;
            Table(board);
        }

        private void Image(byte[] png, double height)
        {
            Need(height);
            using var image = XImage.FromStream(new MemoryStream(png));
            _gfx.DrawImage(image, Margin, _y, Width, height);
            _y += height + 4;
        }

        private static readonly (string Title, double Width, bool Right)[] Columns =
        [
            ("#", 18, true), ("Provider", 192, false), ("Articles", 44, true), ("Mean", 36, true), ("Median", 40, true),
            ("Score ± error", 74, true), ("Published", 52, true), ("Latest", 59.28, true),
        ];

        private void Table(ProviderLeaderboardPage board)
        {
            var h = Fonts.Body.GetHeight() * 1.35;
            void Header()
            {
                Row(Columns.Select(c => c.Title).ToArray(), Fonts.Bold);
                _gfx.DrawLine(XPens.Gray, Margin, _y - 1, PageWidth - Margin, _y - 1);
            }
            void Row(string[] cells, XFont font)
            {
                var x = Margin;
                for (var i = 0; i < cells.Length; i++)
                {
                    var (_, w, right) = Columns[i];
                    var text = Cut(cells[i], font, w - 4);
                    if (right)
                        _gfx.DrawString(text, font, XBrushes.Black, new XPoint(x + w - 2, _y), XStringFormats.TopRight);
                    else
                        _gfx.DrawString(text, font, XBrushes.Black, new XPoint(x + 4, _y), XStringFormats.TopLeft);
                    x += w;
                }
                _y += h;
            }
            Need(2 * h);
            Header();
            for (var i = 0; i < board.Providers.Count; i++)
            {
                if (_y + h > FooterTop - 6)
                {
                    NewPage();
                    Header();
                }
                var p = board.Providers[i];
                Row([Labels.Count(i + 1), $"{p.Name} ({p.Domain})", Labels.Count(p.Articles), Labels.Number(p.MeanQuality), Labels.Number(p.MedianQuality),
                    $"{Labels.Number(p.Score)} ± {Labels.Number(p.ScoreError)}", Labels.Percent(p.PublishedShare), Labels.Date(p.LastArticle)], Fonts.Body);
            }
        }

        private static string SortName(ProviderSortKey key) => key switch
        {
            ProviderSortKey.Score => "score",
            ProviderSortKey.Name => "name",
            ProviderSortKey.Articles => "articles",
            ProviderSortKey.Mean => "mean quality",
            ProviderSortKey.Median => "median quality",
            ProviderSortKey.Heat => "mean heat",
            ProviderSortKey.Published => "published share",
            _ => "last active",
        };
    }
}
