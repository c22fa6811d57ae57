using System.Reflection;
using System.Text;
using AiNewsDashboard.Core.Queries.Graph;
using Microsoft.AspNetCore.Http.Metadata;

namespace AiNewsDashboard.Web.Api;

/// <summary>A CSV download (UTF-8 without BOM), streamed by its writer; OpenAPI describes it as text/csv.</summary>
public sealed class CsvDownload(string fileName, Func<StreamWriter, Task> write) : IResult, IEndpointMetadataProvider
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = "text/csv; charset=utf-8";
        httpContext.Response.Headers.ContentDisposition = $"attachment; filename={fileName}";
        await using var writer = new StreamWriter(httpContext.Response.Body, new UTF8Encoding(false), bufferSize: 64 * 1024);
        await write(writer);
        await writer.FlushAsync(httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["text/csv"]));
}

/// <summary>The story graph as a GEXF download for Gephi; OpenAPI describes it as application/gexf+xml.</summary>
public sealed class GexfDownload(GraphExport export, string description) : IResult, IEndpointMetadataProvider
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = "application/gexf+xml; charset=utf-8";
        httpContext.Response.Headers.ContentDisposition = "attachment; filename=story-graph.gexf";
        await Gexf.WriteAsync(httpContext.Response.Body, export, description, httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["application/gexf+xml"]));
}
