using System;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace SkDeepInfra.Internal;

/// <summary>
/// Reads a successful JSON reply into a wire type, within <see cref="DeepInfraHttpPipeline.MaxResponseBytes"/>. A body that
/// is cut short, is not JSON of the expected shape, or is <c>null</c> ends in a <see cref="DeepInfraException"/> whose
/// message says what was expected.
/// </summary>
internal static class JsonReply
{
    public static async Task<T> ReadAsync<T>(DeepInfraHttpPipeline pipeline, HttpResponseMessage response, JsonTypeInfo<T> typeInfo, string expected, CancellationToken cancellationToken)
        where T : class
    {
        PooledBytes bytes;
        try
        {
            bytes = await BoundedContent.ReadPooledAsync(response.Content, pipeline.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw DeepInfraErrors.ReplyCut(ex);
        }

        try
        {
            return Parse(pipeline, response, bytes.Span, typeInfo, expected);
        }
        finally
        {
            bytes.Return();
        }
    }

    private static T Parse<T>(DeepInfraHttpPipeline pipeline, HttpResponseMessage response, ReadOnlySpan<byte> bytes, JsonTypeInfo<T> typeInfo, string expected)
        where T : class
    {
        if (pipeline.Logger.IsEnabled(LogLevel.Trace))
        {
            Log.ResponseBody(pipeline.Logger, pipeline.Redactor.Decode(bytes) ?? string.Empty);
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, typeInfo)
                ?? throw DeepInfraErrors.Malformed($"the body is empty or null, not {expected}", pipeline.Redactor.Decode(bytes));
        }
        catch (JsonException ex)
        {
            string what = $"the body is not {expected} ({response.Content.Headers.ContentType?.MediaType ?? "no content type"}): {ex.Message}";
            throw DeepInfraErrors.Malformed(what, pipeline.Redactor.Decode(bytes), ex);
        }
    }
}
