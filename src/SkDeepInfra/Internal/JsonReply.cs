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
/// Reads a successful (non-streaming) JSON reply, within <see cref="DeepInfraHttpPipeline.MaxResponseBytes"/>. A body that
/// is cut short, is not JSON of the expected shape, or is <c>null</c> ends in a <see cref="DeepInfraException"/> whose
/// message says what was expected.
/// </summary>
internal static class JsonReply
{
    /// <summary>Reads and parses a reply into a wire type.</summary>
    public static async Task<T> ReadAsync<T>(DeepInfraHttpPipeline pipeline, HttpResponseMessage response, JsonTypeInfo<T> typeInfo, string expected, CancellationToken cancellationToken)
        where T : class
    {
        PooledBytes bytes = await ReadBodyAsync(pipeline, response, cancellationToken).ConfigureAwait(false);
        try
        {
            return Deserialize(pipeline, response, bytes.Span, typeInfo, expected);
        }
        finally
        {
            bytes.Return();
        }
    }

    /// <summary>The body, in a pooled buffer the caller returns; logged at Trace with the key masked.</summary>
    public static async Task<PooledBytes> ReadBodyAsync(DeepInfraHttpPipeline pipeline, HttpResponseMessage response, CancellationToken cancellationToken)
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

        if (pipeline.Logger.IsEnabled(LogLevel.Trace))
        {
            Log.ResponseBody(pipeline.Logger, pipeline.Redactor.Decode(bytes.Span) ?? string.Empty);
        }

        return bytes;
    }

    /// <summary>Parses borrowed bytes with the source-generated serializer.</summary>
    public static T Deserialize<T>(DeepInfraHttpPipeline pipeline, HttpResponseMessage response, ReadOnlySpan<byte> bytes, JsonTypeInfo<T> typeInfo, string expected)
        where T : class
    {
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
