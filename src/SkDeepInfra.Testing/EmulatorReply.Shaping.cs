using System;
using System.Collections.Generic;
using System.Globalization;
using SkDeepInfra.Testing.Replies;

namespace SkDeepInfra.Testing;

/// <content>Stream shaping, extra headers and faults.</content>
public sealed partial class EmulatorReply
{
    internal int ChunkSize { get; private set; } = DefaultChunkSize;

    internal TimeSpan ChunkDelay { get; private set; }

    internal TimeSpan FirstByteDelay { get; private set; }

    internal EmulatorStreamQuirks? Quirks { get; private set; }

    internal IReadOnlyList<KeyValuePair<string, string>> Headers { get; private set; } = [];

    internal int? ErrorFrameAfter { get; private set; }

    internal string? ErrorFrameJson { get; private set; }

    internal int? CutAfterEvents { get; private set; }

    internal bool CutMidEvent { get; private set; }

    /// <summary>Returns a copy that streams content, reasoning and tool arguments in pieces of this many characters.</summary>
    /// <param name="characters">Characters per piece (a surrogate pair is never split); default <see cref="DefaultChunkSize"/>.</param>
    /// <returns>The changed copy.</returns>
    public EmulatorReply WithChunkSize(int characters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(characters, 1);
        return Copy(r => r.ChunkSize = characters);
    }

    /// <summary>Returns a copy that waits this long before every streamed event after the first.</summary>
    /// <param name="delay">The pause between events.</param>
    /// <returns>The changed copy.</returns>
    public EmulatorReply WithChunkDelay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return Copy(r => r.ChunkDelay = delay);
    }

    /// <summary>Returns a copy that waits this long before sending anything, status line and headers included.</summary>
    /// <param name="delay">The time to first byte.</param>
    /// <returns>The changed copy.</returns>
    public EmulatorReply WithFirstByteDelay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return Copy(r => r.FirstByteDelay = delay);
    }

    /// <summary>Returns a copy streamed with these quirks instead of the emulator-wide ones (a snapshot is kept).</summary>
    /// <param name="quirks">The quirks for this reply.</param>
    /// <returns>The changed copy.</returns>
    public EmulatorReply WithQuirks(EmulatorStreamQuirks quirks)
    {
        ArgumentNullException.ThrowIfNull(quirks);
        EmulatorStreamQuirks snapshot = quirks.Clone();
        return Copy(r => r.Quirks = snapshot);
    }

    /// <summary>Returns a copy that sends one more response header.</summary>
    /// <param name="name">The header name.</param>
    /// <param name="value">The header value.</param>
    /// <returns>The changed copy.</returns>
    public EmulatorReply WithHeader(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        return Copy(r => r.Headers = [.. r.Headers, new KeyValuePair<string, string>(name, value)]);
    }

    /// <summary>Returns a copy with <c>Retry-After</c> in its seconds form (rounded up), e.g. <c>Retry-After: 2</c>.</summary>
    /// <param name="delay">The delay to advertise.</param>
    /// <returns>The changed copy.</returns>
    public EmulatorReply WithRetryAfter(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        long seconds = (long)Math.Ceiling(delay.TotalSeconds);
        return WithHeader("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Returns a copy with <c>Retry-After</c> in its HTTP-date form, e.g.
    /// <c>Retry-After: Wed, 21 Oct 2015 07:28:00 GMT</c>.
    /// </summary>
    /// <param name="date">The moment to advertise (sent in UTC, whole seconds).</param>
    /// <returns>The changed copy.</returns>
    public EmulatorReply WithRetryAfter(DateTimeOffset date) =>
        WithHeader("Retry-After", date.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Returns a copy with the <c>retry-after-ms</c> header OpenAI-style clients read, e.g. <c>retry-after-ms: 1500</c>.</summary>
    /// <param name="milliseconds">The delay in milliseconds.</param>
    /// <returns>The changed copy.</returns>
    public EmulatorReply WithRetryAfterMilliseconds(int milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds);
        return WithHeader("retry-after-ms", milliseconds.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Returns a copy whose stream (status 200) breaks off with an error event after <paramref name="afterChunks"/>
    /// events: <c>data: {"error":{…}}</c>, then <c>data: [DONE]</c>. Only streaming requests are affected.
    /// </summary>
    /// <param name="afterChunks">How many events are sent before the error frame.</param>
    /// <param name="errorJson">The frame's JSON, or <see langword="null"/> for a DeepInfra-style 500 error object.</param>
    /// <returns>The changed copy.</returns>
    public EmulatorReply WithErrorFrame(int afterChunks, string? errorJson = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterChunks);
        return Copy(r => (r.ErrorFrameAfter, r.ErrorFrameJson) = (afterChunks, errorJson));
    }

    /// <summary>
    /// Returns a copy whose stream (status 200) breaks off after <paramref name="afterChunks"/> events with DeepInfra's own
    /// in-band error frame, <c>data: {"error_type":…,"error_message":…}</c>, then <c>data: [DONE]</c>. Only streaming
    /// requests are affected; <see cref="InBandError"/> sends the frame as a whole 200 body.
    /// </summary>
    /// <param name="afterChunks">How many events are sent before the error frame.</param>
    /// <param name="errorType">The <c>error_type</c>, e.g. <c>internal_error</c>.</param>
    /// <param name="errorMessage">The <c>error_message</c>: plain text, or a JSON-stringified <c>{"error":{"message":…}}</c>.</param>
    /// <returns>The changed copy.</returns>
    public EmulatorReply WithInBandError(int afterChunks, string errorType, string errorMessage)
    {
        ArgumentNullException.ThrowIfNull(errorType);
        ArgumentNullException.ThrowIfNull(errorMessage);
        return WithErrorFrame(afterChunks, ErrorBodies.InBand(errorType, errorMessage));
    }

    /// <summary>
    /// Returns a copy whose connection is cut as a crashed server or proxy would: a streaming reply after
    /// <paramref name="afterEvents"/> whole events (and, with <paramref name="midEvent"/>, half of the next one); any
    /// other reply after the status line, headers and half of the body. In-process the response stream then throws an
    /// <see cref="System.Net.Http.HttpIOException"/>; over loopback the connection is aborted.
    /// </summary>
    /// <param name="afterEvents">How many whole events are sent before the cut.</param>
    /// <param name="midEvent">Whether half of the next event is sent before the cut.</param>
    /// <returns>The changed copy.</returns>
    public EmulatorReply WithConnectionCut(int afterEvents = 0, bool midEvent = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterEvents);
        return Copy(r => (r.CutAfterEvents, r.CutMidEvent) = (afterEvents, midEvent));
    }
}
