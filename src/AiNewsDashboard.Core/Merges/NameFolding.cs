using System.Globalization;
using System.Text;

namespace AiNewsDashboard.Core.Merges;

/// <summary>
/// What two spellings of one provider or topic name have in common: case, spacing, punctuation and accents folded
/// away, so "U.S. News", "US news" and "u.s.  news" all fold to "usnews", and "Machine-Learning" to "machinelearning".
/// </summary>
public static class NameFolding
{
    public static string Fold(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormKD))
        {
            // Letters and digits only: dots ("U.S."), hyphens, apostrophes and every kind of space go, and so do the
            // accents that the decomposition split off.
            if (char.IsLetterOrDigit(c))
                sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>
    /// The words of a name, split at spaces, punctuation and inner capitals ("HuffPost" is "Huff", "Post").
    /// </summary>
    public static IReadOnlyList<string> Words(string name)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }
            if (char.IsUpper(c) && word.Length > 0 && char.IsLower(word[^1]))
                Flush();
            word.Append(c);
        }
        Flush();
        return words;

        void Flush()
        {
            if (word.Length > 0)
                words.Add(word.ToString());
            word.Clear();
        }
    }

    /// <summary>
    /// True when <paramref name="compound"/> is one word whose capitalised parts begin the words of
    /// <paramref name="full"/>, in order ("HuffPost" and "Huffington Post"): how outlets shorten their names.
    /// Names with spaces never count as contractions, so "Maple Report" is no short form of "Maple Reporter".
    /// </summary>
    public static bool IsContractionOf(string compound, string full)
    {
        if (compound.Any(char.IsWhiteSpace) || !full.Any(char.IsWhiteSpace))
            return false;
        var parts = Words(compound);
        var words = Words(full);
        if (parts.Count < 2 || parts.Count != words.Count)
            return false;
        var shorter = false;
        for (var i = 0; i < parts.Count; i++)
        {
            if (!words[i].StartsWith(parts[i], StringComparison.OrdinalIgnoreCase))
                return false;
            shorter |= words[i].Length > parts[i].Length;
        }
        return shorter;
    }
}
