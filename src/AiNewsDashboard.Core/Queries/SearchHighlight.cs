namespace AiNewsDashboard.Core.Queries;

/// <summary>A stretch of a text that a search matched: <paramref name="Start"/> and <paramref name="Length"/> in UTF-16 units.</summary>
public readonly record struct TextMark(int Start, int Length);

/// <summary>A text with the stretches a search matched.</summary>
public sealed record MarkedText(string Text, IReadOnlyList<TextMark> Marks)
{
    /// <summary>
    /// Reads a text in which a store wrapped every match in <paramref name="open"/> and <paramref name="close"/>
    /// (characters the caller made sure the original does not contain).
    /// </summary>
    public static MarkedText FromMarkers(string marked, char open, char close)
    {
        var text = new System.Text.StringBuilder(marked.Length);
        var marks = new List<TextMark>();
        var start = -1;
        foreach (var c in marked)
        {
            if (c == open)
                start = text.Length;
            else if (c == close)
            {
                if (start >= 0 && text.Length > start)
                    marks.Add(new TextMark(start, text.Length - start));
                start = -1;
            }
            else
                text.Append(c);
        }
        return new MarkedText(text.ToString(), marks);
    }
}

/// <summary>
/// Where a search matched one article: the stretches of its title, and a piece of its excerpt around its matches (null
/// when the excerpt has none). Words match as the index matches them: "chips" marks "chip", "chip*" marks "chipmaker".
/// </summary>
public sealed record SearchHighlight(IReadOnlyList<TextMark> TitleMarks, MarkedText? Excerpt);
