using System.Globalization;
using System.Text;
using System.Xml;
using AiNewsDashboard.Core.Queries.Graph;

namespace AiNewsDashboard.Web.Api;

/// <summary>
/// Writes a graph as GEXF 1.3, the format Gephi opens: nodes with their article fields as attributes, directed links.
/// Text goes through XmlWriter (escaped), minus the few characters XML 1.0 can't hold at all, so a hostile title can
/// neither break the file nor inject markup.
/// </summary>
public static class Gexf
{
    private static readonly (string Title, string Type)[] Attributes =
    [
        ("url", "string"), ("provider", "string"), ("providerDomain", "string"), ("publishedAt", "string"), ("quality", "integer"),
        ("heat", "integer"), ("isReference", "boolean"), ("cluster", "integer"), ("category", "string"), ("topic", "string"),
    ];

    public static async Task WriteAsync(Stream output, GraphExport graph, string description, CancellationToken ct)
    {
        // XmlWriter writes synchronously into a buffer that is drained asynchronously every few thousand elements:
        // Kestrel forbids synchronous writes to a response, and the export must stream rather than sit in memory.
        var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false };
        using var xml = XmlWriter.Create(buffer, settings);

        async Task DrainAsync()
        {
            xml.Flush();
            buffer.Position = 0;
            await buffer.CopyToAsync(output, ct);
            buffer.SetLength(0);
        }

        xml.WriteStartDocument();
        xml.WriteStartElement("gexf", "http://gexf.net/1.3");
        xml.WriteAttributeString("version", "1.3");
        xml.WriteStartElement("meta");
        xml.WriteAttributeString("lastmodifieddate", DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        xml.WriteElementString("creator", "AiNewsDashboard");
        xml.WriteElementString("description", Clean(description));
        xml.WriteEndElement();

        xml.WriteStartElement("graph");
        xml.WriteAttributeString("defaultedgetype", "directed");
        xml.WriteAttributeString("mode", "static");
        xml.WriteStartElement("attributes");
        xml.WriteAttributeString("class", "node");
        for (var i = 0; i < Attributes.Length; i++)
        {
            xml.WriteStartElement("attribute");
            xml.WriteAttributeString("id", i.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("title", Attributes[i].Title);
            xml.WriteAttributeString("type", Attributes[i].Type);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();

        xml.WriteStartElement("nodes");
        xml.WriteAttributeString("count", graph.NodeCount.ToString(CultureInfo.InvariantCulture));
        var written = 0;
        await foreach (var n in graph.Nodes.WithCancellation(ct))
        {
            xml.WriteStartElement("node");
            xml.WriteAttributeString("id", n.Id.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("label", Clean(n.Title ?? n.Url ?? $"Article {n.Id}"));
            xml.WriteStartElement("attvalues");
            Value(xml, 0, n.Url);
            Value(xml, 1, n.Provider);
            Value(xml, 2, n.ProviderDomain);
            Value(xml, 3, n.PublishedAt?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            Value(xml, 4, n.Quality?.ToString(CultureInfo.InvariantCulture));
            Value(xml, 5, n.Heat?.ToString(CultureInfo.InvariantCulture));
            Value(xml, 6, n.IsReference ? "true" : "false");
            Value(xml, 7, n.Cluster.ToString(CultureInfo.InvariantCulture));
            Value(xml, 8, n.Category);
            Value(xml, 9, n.Topic);
            xml.WriteEndElement();
            xml.WriteEndElement();
            if (++written % 5000 == 0)
                await DrainAsync();
        }
        xml.WriteEndElement();

        xml.WriteStartElement("edges");
        xml.WriteAttributeString("count", graph.EdgeCount.ToString(CultureInfo.InvariantCulture));
        var id = 0;
        foreach (var e in graph.Edges)
        {
            xml.WriteStartElement("edge");
            xml.WriteAttributeString("id", (id++).ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("source", e.Source.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("target", e.Target.ToString(CultureInfo.InvariantCulture));
            xml.WriteEndElement();
            if (id % 20000 == 0)
                await DrainAsync();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
        await DrainAsync();
    }

    private static void Value(XmlWriter xml, int attribute, string? value)
    {
        if (value is null)
            return;
        xml.WriteStartElement("attvalue");
        xml.WriteAttributeString("for", attribute.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("value", Clean(value));
        xml.WriteEndElement();
    }

    /// <summary>Drops characters XML 1.0 cannot contain (most control characters, lone surrogates).</summary>
    internal static string Clean(string s)
    {
        var firstBad = -1;
        for (var i = 0; i < s.Length && firstBad < 0; i++)
            if (!IsXmlChar(s, i))
                firstBad = i;
        if (firstBad < 0)
            return s;
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                sb.Append(s[i]).Append(s[++i]);
                continue;
            }
            if (IsXmlChar(s, i))
                sb.Append(s[i]);
        }
        return sb.ToString();
    }

    private static bool IsXmlChar(string s, int i)
    {
        var c = s[i];
        if (char.IsHighSurrogate(c))
            return i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]);
        if (char.IsLowSurrogate(c))
            return i > 0 && char.IsHighSurrogate(s[i - 1]);
        return XmlConvert.IsXmlChar(c);
    }
}
