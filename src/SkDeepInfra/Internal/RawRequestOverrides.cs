using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkDeepInfra.Internal;

/// <summary>
/// The <see cref="JsonObject"/> a caller's <c>RawRepresentationFactory</c> returns, merged into the mapped request body:
/// each of its members replaces the mapped member of the same name (the caller's raw value wins where set) or is added
/// after them. The members the call itself decides (<c>messages</c> and <c>stream</c>; an embedding batch's <c>input</c>)
/// stay as mapped. Raw values are sent as written, unchecked.
/// </summary>
internal sealed class RawRequestOverrides
{
    private readonly JsonElement _members;
    private readonly int _size;
    private readonly string[] _callOwned;

    private RawRequestOverrides(JsonElement members, int size, string[] callOwned)
    {
        _members = members;
        _size = size;
        _callOwned = callOwned;
    }

    /// <summary>
    /// A snapshot of <paramref name="raw"/> when it is a <see cref="JsonObject"/> with members; otherwise (nothing, or a
    /// type meant for another provider's client) <see langword="null"/>, as Microsoft.Extensions.AI's own clients ignore it.
    /// </summary>
    public static RawRequestOverrides? From(object? raw, params string[] callOwned)
    {
        if (raw is not JsonObject { Count: > 0 } members)
        {
            return null;
        }

        using var utf8 = new MemoryStream();
        using (var writer = new Utf8JsonWriter(utf8))
        {
            members.WriteTo(writer);
        }

        return new RawRequestOverrides(RawJson.Parse(utf8.GetBuffer().AsSpan(0, (int)utf8.Length)), (int)utf8.Length, callOwned);
    }

    /// <summary>The mapped body with the overrides merged in, in a new pooled buffer; <paramref name="mapped"/> is returned to the pool.</summary>
    public PooledBytes MergeInto(PooledBytes mapped)
    {
        var merged = new PooledBufferWriter(mapped.Length + _size);
        using (JsonDocument document = JsonDocument.Parse(mapped.Array.AsMemory(0, mapped.Length)))
        using (var writer = new Utf8JsonWriter(merged))
        {
            JsonElement body = document.RootElement;
            writer.WriteStartObject();
            foreach (JsonProperty member in body.EnumerateObject())
            {
                if (!IsCallOwned(member.Name) && _members.TryGetProperty(member.Name, out JsonElement raw))
                {
                    writer.WritePropertyName(member.Name);
                    raw.WriteTo(writer);
                }
                else
                {
                    member.WriteTo(writer);
                }
            }

            foreach (JsonProperty member in _members.EnumerateObject())
            {
                if (!IsCallOwned(member.Name) && !body.TryGetProperty(member.Name, out _))
                {
                    member.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        mapped.Return();
        return merged.Detach();
    }

    private bool IsCallOwned(string name) => Array.IndexOf(_callOwned, name) >= 0;
}
