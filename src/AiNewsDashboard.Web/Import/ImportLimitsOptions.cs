using System.ComponentModel.DataAnnotations;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Web.Hosting;

namespace AiNewsDashboard.Web.Import;

/// <summary>
/// The import's bounds, section <c>Import</c>: what one upload and one archive may hold, the disk an import must
/// leave free, and which publication dates are plausible. The web host validates them at start; the command line
/// reads them through <see cref="From"/>.
/// </summary>
public sealed class ImportLimitsOptions
{
    public const string Section = "Import";

    /// <summary>The most one upload's files may hold, archives counted uncompressed (default 2 GiB).</summary>
    [Range(1, long.MaxValue)]
    public long MaxUploadUncompressedBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Entries one .zip archive may hold (default 100,000); an archive with more is one rejected file.</summary>
    [Range(1, int.MaxValue)]
    public int MaxArchiveEntries { get; set; } = ImportSource.DefaultMaxArchiveEntries;

    /// <summary>Free disk an import must leave beyond twice what it imports (default 256 MiB).</summary>
    [Range(0, long.MaxValue)]
    public long MinFreeDiskBytes { get; set; } = Core.Import.ImportOptions.DefaultMinFreeDiskBytes;

    /// <summary>Earlier publication dates are stored as unknown, with a warning (default 1900-01-01).</summary>
    public DateOnly EarliestDate { get; set; } = DateOnly.FromDateTime(ParserOptions.DefaultEarliestDate);

    /// <summary>Publication dates more than this many days after the import are stored as unknown (default 1).</summary>
    [Range(0, 366_000)]
    public int LatestDateDaysAhead { get; set; } = 1;

    /// <summary>
    /// The importer's options for an upload (with the upload's size limit) or another import, over the parser's
    /// options (<c>Import:MaxFileBytes</c>): the one place that turns settings into <see cref="ImportOptions"/>.
    /// </summary>
    public ImportOptions For(IConfiguration config, bool upload) => new()
    {
        Parser = DashboardSettings.ParserOptions(config) with { EarliestDate = EarliestDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) },
        MaxArchiveEntries = MaxArchiveEntries,
        MaxTotalBytes = upload ? MaxUploadUncompressedBytes : null,
        MinFreeDiskBytes = MinFreeDiskBytes,
        LatestDateDaysAhead = LatestDateDaysAhead,
    };

    /// <summary>Bound and validated as the web host does it, for the command line (which has no host).</summary>
    /// <exception cref="InvalidOperationException">A setting is not a number or date, or is out of range.</exception>
    public static ImportLimitsOptions From(IConfiguration config)
    {
        var options = config.GetSection(Section).Get<ImportLimitsOptions>() ?? new ImportLimitsOptions();
        try
        {
            Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        }
        catch (ValidationException e)
        {
            throw new InvalidOperationException($"a setting of the {Section} section is invalid: {e.Message}", e);
        }
        return options;
    }
}

public static class ImportLimitsServiceCollectionExtensions
{
    public static IServiceCollection AddImportLimits(this IServiceCollection services)
    {
        services.AddOptions<ImportLimitsOptions>().BindConfiguration(ImportLimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
