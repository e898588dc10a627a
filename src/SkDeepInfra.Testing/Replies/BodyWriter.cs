using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using SkDeepInfra.Testing.Hosting;
using SkDeepInfra.Testing.Wire;

namespace SkDeepInfra.Testing.Replies;

/// <summary>Writes a whole, buffered body with its <c>Content-Length</c>; optionally cuts the connection half way.</summary>
internal static class BodyWriter
{
    public static Task WriteJsonAsync<T>(IResponseChannel channel, int statusCode, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        WriteAsync(channel, statusCode, "application/json", [], EmulatorJson.ToUtf8(value, typeInfo), cut: false, cancellationToken);

    public static async Task WriteAsync(
        IResponseChannel channel,
        int statusCode,
        string contentType,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        byte[] body,
        bool cut,
        CancellationToken cancellationToken)
    {
        channel.SetStatus(statusCode);
        channel.SetHeader("Content-Type", contentType);
        channel.SetHeader("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture));
        foreach (KeyValuePair<string, string> header in headers)
        {
            channel.SetHeader(header.Key, header.Value);
        }

        await channel.StartAsync(cancellationToken).ConfigureAwait(false);
        if (!cut)
        {
            await channel.WriteAsync(body, cancellationToken).ConfigureAwait(false);
            return;
        }

        await channel.WriteAsync(body.AsMemory(0, body.Length / 2), cancellationToken).ConfigureAwait(false);
        await channel.AbortAsync().ConfigureAwait(false);
    }
}
