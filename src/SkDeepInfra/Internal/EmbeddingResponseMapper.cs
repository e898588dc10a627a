using System.Globalization;
using Microsoft.Extensions.AI;
using SkDeepInfra.Internal.Wire;

namespace SkDeepInfra.Internal;

/// <summary>
/// Places one batch's vectors at their inputs' positions, by <c>index</c> (or by order when the server sends none), after
/// checking that the reply has exactly one non-empty vector per input.
/// </summary>
internal static class EmbeddingResponseMapper
{
    public static void CopyInto(EmbeddingResponse wire, Embedding<float>[] results, int offset, int count, string requestedModel, SecretRedactor redactor)
    {
        DeepInfraErrors.ThrowIfErrorFrame(wire.Error, wire.ErrorType, wire.ErrorMessage, default, redactor);

        if (wire.Data is not { } data)
        {
            throw DeepInfraErrors.Malformed("an embeddings reply has no 'data' array", null);
        }

        if (data.Count != count)
        {
            throw DeepInfraErrors.Malformed($"an embeddings reply has {Count(data.Count)} vector(s) for {Count(count)} input(s)", null);
        }

        string model = string.IsNullOrEmpty(wire.Model) ? requestedModel : wire.Model!;
        for (int position = 0; position < data.Count; position++)
        {
            WireEmbedding item = data[position] ?? throw DeepInfraErrors.Malformed($"embedding {Count(position)} of the reply is null", null);
            int index = item.Index ?? position;
            if (index < 0 || index >= count)
            {
                throw DeepInfraErrors.Malformed($"an embedding has index {Count(index)}, outside [0, {Count(count - 1)}]", null);
            }

            if (results[offset + index] is not null)
            {
                throw DeepInfraErrors.Malformed($"two embeddings have index {Count(index)}", null);
            }

            if (item.Embedding is not { Length: > 0 } vector)
            {
                throw DeepInfraErrors.Malformed($"the embedding with index {Count(index)} has no values", null);
            }

            results[offset + index] = new Embedding<float>(vector) { ModelId = model };
        }
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
