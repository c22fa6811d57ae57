using System.ComponentModel.DataAnnotations;

namespace AiNewsDashboard.Core.Syndication;

/// <summary>
/// How copies of one text are found (the <c>Syndication</c> settings section binds them; the defaults are written here
/// only). Candidates come from MinHash with LSH banding over word shingles of title and excerpt, from shared images and
/// from equal normalised titles; every candidate pair is then checked on the exact texts (<see cref="CopyRules"/>).
/// </summary>
public class SyndicationSettings : IValidatableObject
{
    /// <summary>Words per shingle.</summary>
    [Range(1, 8, ErrorMessage = "must be a number of words from {1} to {2}")]
    public int ShingleSize { get; set; } = 3;

    /// <summary>MinHash values per article; a multiple of <see cref="Bands"/>.</summary>
    [Range(4, 512, ErrorMessage = "must be a number of hashes from {1} to {2}")]
    public int Hashes { get; set; } = 48;

    /// <summary>LSH bands: two texts become candidates when all hashes of one band agree. More bands find less similar pairs and cost a row of the stored index (CopyKeys) an article a band.</summary>
    [Range(1, 128, ErrorMessage = "must be a number of bands from {1} to {2}")]
    public int Bands { get; set; } = 12;

    /// <summary>Jaccard similarity (0–1) of the shingles of title and excerpt at or above which two articles are copies.</summary>
    [Range(0.1, 1.0, ErrorMessage = "must be a similarity from {1} to {2}")]
    public double JaccardThreshold { get; set; } = 0.7;

    /// <summary>
    /// Similarity of the titles' words (0–1) that a similar text must also reach: a shared boilerplate excerpt under
    /// different titles is not a copy.
    /// </summary>
    [Range(0.0, 1.0, ErrorMessage = "must be a similarity from {1} to {2}")]
    public double MinTitleSimilarity { get; set; } = 0.5;

    /// <summary>
    /// With a shared image, a lower text similarity (0–1) suffices: the image corroborates it. Unrelated stories under
    /// one stock picture share almost no shingles (under 0.05 in the labelled pairs); a rewrite that keeps the picture
    /// keeps a third or more.
    /// </summary>
    [Range(0.0, 1.0, ErrorMessage = "must be a similarity from {1} to {2}")]
    public double SharedImageJaccard { get; set; } = 0.25;

    /// <summary>An image shown by more articles than this is a logo or stock picture and never counts as shared.</summary>
    [Range(2, 10_000, ErrorMessage = "must be a number of articles from {1} to {2}")]
    public int MaxImageShare { get; set; } = 12;

    /// <summary>
    /// Fewest words a normalised title needs for "same title" to count: short titles ("Live updates", a wire slug) are
    /// shared by different stories. The excerpts, when both have one, must still agree (see <see cref="MinExcerptSimilarity"/>).
    /// </summary>
    [Range(1, 50, ErrorMessage = "must be a number of words from {1} to {2}")]
    public int MinTitleWords { get; set; } = 5;

    /// <summary>
    /// Jaccard similarity of the excerpts' shingles (0–1) that two articles with the same title need when both have an
    /// excerpt: outlets that give one event the same headline over their own text are not copies.
    /// </summary>
    [Range(0.0, 1.0, ErrorMessage = "must be a similarity from {1} to {2}")]
    public double MinExcerptSimilarity { get; set; } = 0.5;

    /// <summary>
    /// Most days between two copies (when both are dated): a republished text follows its original within days, while
    /// a columnist's recurring headline over a year is no copy.
    /// </summary>
    [Range(1, 3650, ErrorMessage = "must be a number of days from {1} to {2}")]
    public int MaxLagDays { get; set; } = 7;

    public int RowsPerBand => Hashes / Bands;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Bands > 0 && Hashes % Bands != 0)
            yield return new ValidationResult($"must divide {nameof(Hashes)} ({Hashes}) evenly", [nameof(Bands)]);
    }
}
