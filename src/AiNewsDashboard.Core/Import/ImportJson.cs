using System.Text.Json.Serialization;

namespace AiNewsDashboard.Core.Import;

/// <summary>Source-generated JSON for what the importer stores as JSON text (a related entry's images).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<ImageInfo>))]
internal sealed partial class ImportJson : JsonSerializerContext;
