using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SkDeepInfra.Testing.Wire;

/// <summary>
/// Writes wire types to UTF-8 through <see cref="EmulatorJsonContext"/>, escaping only what JSON requires, so
/// <c>&lt;/s&gt;</c> and non-ASCII text travel as the real service sends them.
/// </summary>
internal static class EmulatorJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] ToUtf8<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
