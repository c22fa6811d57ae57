using System.Globalization;

namespace AiNewsDashboard.Core.Import;

/// <summary>
/// Which of two different files for one article (the same URL after normalisation) is stored. The rule looks only at
/// the files, never at the order they come in, so importing them in any order, in one run or in several, stores the
/// same one, and importing them again changes nothing:
/// <list type="number">
/// <item>the later <c>publishedDateTime</c>; a file without one (unknown or implausible) loses;</item>
/// <item>then the larger file, in bytes;</item>
/// <item>then the path relative to the import root (the folder named, or the folder of a named file or archive):
/// the one that sorts <em>last</em>, ordinally, wins, because folders and names that carry a date or a version
/// (<c>2014-03-11/</c>, <c>story-v2.md</c>) sort later for later versions;</item>
/// <item>then, so that the order is total, the SHA-256 of the bytes that sorts last.</item>
/// </list>
/// Two versions of the same file (the same <see cref="File.Path"/>) are not duplicates: the version imported last
/// replaces the stored one, as an edited file should.
/// </summary>
public static class DuplicateFileRule
{
    /// <summary>A file as the rule sees it. Length and relative path are null for an article stored before they were recorded.</summary>
    public sealed record File(string Path, string? RelativePath, long? Length, DateTime? PublishedAt, string Hash);

    /// <summary>Whether <paramref name="challenger"/> should replace <paramref name="stored"/>, and why the winner won.</summary>
    public static (bool ChallengerWins, string Reason) Decide(File challenger, File stored)
    {
        if (challenger.PublishedAt != stored.PublishedAt)
        {
            if (challenger.PublishedAt is null || stored.PublishedAt is null)
                return (stored.PublishedAt is null, "it has a publishedDateTime and the other has none");
            return (challenger.PublishedAt > stored.PublishedAt, "its publishedDateTime is later");
        }
        // An article stored before lengths and relative paths were recorded: the newcomer is stored with both, so
        // the next import of either file decides by the whole rule.
        if (stored.Length is null || stored.RelativePath is null)
            return (true, "the stored version predates this rule");
        if (challenger.Length != stored.Length)
            return (challenger.Length > stored.Length, "the same publishedDateTime, and it is larger");
        var byPath = string.CompareOrdinal(challenger.RelativePath, stored.RelativePath);
        if (byPath != 0)
            return (byPath > 0, "the same publishedDateTime and size, and its path relative to the import root sorts last");
        return (string.CompareOrdinal(challenger.Hash, stored.Hash) > 0,
            "the same publishedDateTime, size and relative path, and its SHA-256 sorts last");
    }

    /// <summary>The warning for the file that lost, naming the one that won.</summary>
    public static string LostTo(string winner, string reason) =>
        string.Create(CultureInfo.InvariantCulture, $"not stored: another file for the same URL wins, {winner} ({reason})");
}
