using System.Reflection;
using PdfSharp.Fonts;
using SkiaSharp;

namespace AiNewsDashboard.Web.Reports;

/// <summary>
/// The report's one font, DejaVu Sans (regular and bold; Bitstream Vera licence, Reports/Fonts/LICENSE.txt), shipped inside
/// the assembly: a Linux server may have no fonts at all, and PDFsharp finds none there without a resolver. Every PDF
/// embeds it, and the charts draw with the same face.
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private static readonly Lazy<byte[]> Regular = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<byte[]> Bold = new(() => Load("DejaVuSans-Bold.ttf"));
    private static readonly Lock Gate = new();

    /// <summary>Installs the resolver once per process; PDFsharp's setting is global and can't change after first use.</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not ReportFonts)
                GlobalFontSettings.FontResolver = new ReportFonts();
        }
    }

    /// <summary>Any family asked for resolves to DejaVu Sans: the report only ever asks for it.</summary>
    public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? "DejaVuSans-Bold" : "DejaVuSans", false, isItalic);

    public byte[] GetFont(string faceName) => faceName == "DejaVuSans-Bold" ? Bold.Value : Regular.Value;

    public static SKTypeface Typeface(bool bold = false)
    {
        using var data = SKData.CreateCopy(bold ? Bold.Value : Regular.Value);
        return SKTypeface.FromData(data);
    }

    private static byte[] Load(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Fonts." + file)
            ?? throw new InvalidOperationException($"The report font {file} is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
