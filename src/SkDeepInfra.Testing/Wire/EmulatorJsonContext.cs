using System.Text.Json.Serialization;

namespace SkDeepInfra.Testing.Wire;

/// <summary>Source-generated serialisation for every body the emulator writes: snake_case names, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WireCompletion))]
[JsonSerializable(typeof(WireChunk))]
[JsonSerializable(typeof(WireErrorEnvelope))]
[JsonSerializable(typeof(WireInBandError))]
[JsonSerializable(typeof(WireValidationFailure))]
[JsonSerializable(typeof(WireDetail))]
[JsonSerializable(typeof(WireEmbeddingList))]
[JsonSerializable(typeof(WireModelList))]
internal sealed partial class EmulatorJsonContext : JsonSerializerContext;
