using System.Globalization;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Web.Components.Pages;
using SkiaSharp;

namespace AiNewsDashboard.Web.Reports;

/// <summary>
/// The report's charts, drawn on the server (no browser runs at schedule time) as PNG at <see cref="Scale"/>× the size
/// they take on the page, so they stay sharp in print.
/// </summary>
public static class ReportCharts
{
    public const float Scale = 3;

    private static readonly SKColor Ink = new(0x21, 0x21, 0x21);
    private static readonly SKColor Muted = new(0x75, 0x75, 0x75);
    private static readonly SKColor Grid = new(0xE0, 0xE0, 0xE0);
    private static readonly SKColor Bar = new(0x59, 0x4A, 0xE2);
    private static readonly SKColor Prior = new(0xE0, 0x6C, 0x00);

    /// <summary>
    /// Each listed provider's score as a horizontal bar on 0–100, with its ± standard error as an error bar and the prior
    /// mean as a dashed line. <paramref name="width"/> and the returned height are in points.
    /// </summary>
    public static (byte[] Png, double Height) QualityBars(ProviderLeaderboardPage board, double width, int maxRows = 25)
    {
        var rows = board.Providers.Take(maxRows).ToArray();
        const float rowHeight = 14, top = 16, bottom = 18, label = 150, right = 12;
        var height = top + bottom + Math.Max(1, rows.Length) * rowHeight;
        return (Draw(width, height, (canvas, w, h) =>
        {
            using var text = new SKFont(ReportFonts.Typeface(), 7);
            using var small = new SKFont(ReportFonts.Typeface(), 6);
            using var ink = Fill(Ink);
            using var muted = Fill(Muted);
            var plot = w - label - right;
            float X(double q) => label + (float)(Math.Clamp(q, 0, 100) / 100 * plot);
            using (var grid = Stroke(Grid, 0.5f))
                for (var q = 0; q <= 100; q += 20)
                {
                    canvas.DrawLine(X(q), top - 2, X(q), h - bottom + 2, grid);
                    canvas.DrawText(q.ToString(CultureInfo.InvariantCulture), X(q), h - bottom + 10, SKTextAlign.Center, small, muted);
                }
            canvas.DrawText("Score (quality shrunk towards the mean) ± standard error", label, 9, SKTextAlign.Left, small, muted);
            using var bar = Fill(Bar);
            using var error = Stroke(Ink, 0.8f);
            for (var i = 0; i < rows.Length; i++)
            {
                var p = rows[i];
                var y = top + i * rowHeight;
                canvas.DrawText(Fit(p.Name, text, label - 6), label - 4, y + 9.5f, SKTextAlign.Right, text, ink);
                if (p.Score is not { } score)
                {
                    canvas.DrawText("no rated articles", label + 2, y + 9.5f, SKTextAlign.Left, small, muted);
                    continue;
                }
                canvas.DrawRect(SKRect.Create(X(0), y + 3, X(score) - X(0), rowHeight - 6), bar);
                if (p.ScoreError is { } e)
                {
                    var mid = y + rowHeight / 2;
                    canvas.DrawLine(X(score - e), mid, X(score + e), mid, error);
                    canvas.DrawLine(X(score - e), mid - 3, X(score - e), mid + 3, error);
                    canvas.DrawLine(X(score + e), mid - 3, X(score + e), mid + 3, error);
                }
            }
            if (board.PriorMean is { } m)
            {
                using var prior = Stroke(Prior, 0.8f);
                prior.PathEffect = SKPathEffect.CreateDash([3, 2], 0);
                canvas.DrawLine(X(m), top - 2, X(m), h - bottom + 2, prior);
                using var priorText = Fill(Prior);
                canvas.DrawText($"mean of all {Labels.Number(m)}", X(m) + 2, h - bottom - 2, SKTextAlign.Left, small, priorText);
            }
        }), height);
    }

    /// <summary>The matching articles per period: the report's timeline, one bar per bucket, first and last period labelled.</summary>
    public static byte[] Timeline(Timeline timeline, double width, double height) => Draw(width, height, (canvas, w, h) =>
    {
        using var small = new SKFont(ReportFonts.Typeface(), 6);
        using var muted = Fill(Muted);
        const float left = 34, bottom = 14, top = 6, right = 6;
        var buckets = timeline.Buckets;
        if (buckets.Count == 0)
        {
            canvas.DrawText("No dated article matches.", w / 2, h / 2, SKTextAlign.Center, small, muted);
            return;
        }
        var peak = Math.Max(1, buckets.Max(b => b.Articles));
        var plotW = w - left - right;
        var plotH = h - top - bottom;
        using (var grid = Stroke(Grid, 0.5f))
            foreach (var v in new[] { 0, peak / 2, peak })
            {
                var y = top + plotH - (float)v / peak * plotH;
                canvas.DrawLine(left, y, w - right, y, grid);
                canvas.DrawText(Labels.Count(v), left - 3, y + 2, SKTextAlign.Right, small, muted);
            }
        using var bar = Fill(Bar);
        var slot = plotW / buckets.Count;
        for (var i = 0; i < buckets.Count; i++)
        {
            var hgt = (float)buckets[i].Articles / peak * plotH;
            canvas.DrawRect(SKRect.Create(left + i * slot + slot * 0.1f, top + plotH - hgt, Math.Max(0.5f, slot * 0.8f), hgt), bar);
        }
        canvas.DrawText(Labels.Period(buckets[0].Start, timeline.Granularity), left, h - 3, SKTextAlign.Left, small, muted);
        if (buckets.Count > 1)
            canvas.DrawText(Labels.Period(buckets[^1].Start, timeline.Granularity), w - right, h - 3, SKTextAlign.Right, small, muted);
    });

    private static byte[] Draw(double width, double height, Action<SKCanvas, float, float> draw)
    {
        var info = new SKImageInfo((int)Math.Ceiling(width * Scale), (int)Math.Ceiling(height * Scale));
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(Scale);
        draw(canvas, (float)width, (float)height);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static SKPaint Fill(SKColor c) => new() { Color = c, IsAntialias = true, Style = SKPaintStyle.Fill };

    private static SKPaint Stroke(SKColor c, float width) => new() { Color = c, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = width };

    /// <summary>The text, cut with an ellipsis to fit <paramref name="width"/>.</summary>
    private static string Fit(string s, SKFont font, float width)
    {
        if (font.MeasureText(s) <= width)
            return s;
        var n = s.Length;
        while (n > 1 && font.MeasureText(s[..n] + "…") > width)
            n--;
        return s[..n] + "…";
    }
}
