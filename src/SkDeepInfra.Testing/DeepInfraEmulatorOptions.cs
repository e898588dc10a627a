using System;
using System.Collections.Generic;
using SkDeepInfra.Testing.Catalog;

namespace SkDeepInfra.Testing;

/// <summary>Settings of a <see cref="DeepInfraEmulator"/>; read on every request, so changes apply to the next one.</summary>
public sealed class DeepInfraEmulatorOptions
{
    /// <summary>
    /// Gets or sets the API key the emulator demands. When set, a request without exactly
    /// <c>Authorization: Bearer &lt;key&gt;</c> gets 401 with a DeepInfra-style error body. <see langword="null"/> (the
    /// default) accepts any request.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Gets the per-model prices used for <c>estimated_cost</c> and the model list's <c>pricing</c> (model ids compared
    /// case-insensitively). Defaults, USD per 1M input/output tokens: Meta-Llama-3.1-8B-Instruct 0.03/0.05,
    /// -8B-Instruct-Turbo 0.02/0.03, -70B-Instruct 0.23/0.40, -70B-Instruct-Turbo 0.12/0.30, -405B-Instruct 0.80/0.80
    /// (all under <c>meta-llama/</c>); embedding models BAAI/bge-large-en-v1.5 0.01, BAAI/bge-base-en-v1.5 0.005,
    /// BAAI/bge-m3 0.01, sentence-transformers/all-MiniLM-L6-v2 0.005 (input only).
    /// </summary>
    public IDictionary<string, EmulatorModelPrice> Prices { get; } =
        new Dictionary<string, EmulatorModelPrice>(StringComparer.OrdinalIgnoreCase)
        {
            ["meta-llama/Meta-Llama-3.1-8B-Instruct"] = new(0.03m, 0.05m),
            ["meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo"] = new(0.02m, 0.03m),
            ["meta-llama/Meta-Llama-3.1-70B-Instruct"] = new(0.23m, 0.40m),
            ["meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo"] = new(0.12m, 0.30m),
            ["meta-llama/Meta-Llama-3.1-405B-Instruct"] = new(0.80m, 0.80m),
            ["BAAI/bge-large-en-v1.5"] = new(0.01m, 0m),
            ["BAAI/bge-base-en-v1.5"] = new(0.005m, 0m),
            ["BAAI/bge-m3"] = new(0.01m, 0m),
            ["sentence-transformers/all-MiniLM-L6-v2"] = new(0.005m, 0m),
        };

    /// <summary>
    /// Gets the models listed by <c>GET /v1/openai/models</c>, in order, and the embedding dimensions of the embedding
    /// models. Defaults: the five Llama 3.1 models of <see cref="Prices"/> (context 131072, max_tokens 16384), and the
    /// embedding models BAAI/bge-large-en-v1.5 (1024 dimensions, context 512), BAAI/bge-base-en-v1.5 (768, 512),
    /// BAAI/bge-m3 (1024, 8192) and sentence-transformers/all-MiniLM-L6-v2 (384, 512). The embeddings endpoint refuses
    /// a listed model without <see cref="EmulatorModel.EmbeddingDimensions"/> (400) and embeds for a model not listed
    /// at all with 1024 dimensions.
    /// </summary>
    public IList<EmulatorModel> Models { get; } = DefaultModels.Create();

    /// <summary>Gets or sets the price of models missing from <see cref="Prices"/>; default 0.10/0.10 USD per 1M tokens.</summary>
    public EmulatorModelPrice FallbackPrice { get; set; } = new(0.10m, 0.10m);

    /// <summary>
    /// Gets or sets a value indicating whether requests are checked like the real service does (parameter ranges,
    /// message order, tool call pairing, tools and tool_choice) and refused with 422 when they fail. Default
    /// <see langword="true"/>. The body must be a JSON object either way.
    /// </summary>
    public bool ValidateRequests { get; set; } = true;

    /// <summary>
    /// Gets or sets the model family every chat reply is shaped as (end marker, tool calls written as text, inline
    /// reasoning, refusal of <c>tools</c>); <see langword="null"/> (the default) for none, unless <see cref="PersonasByModelId"/>.
    /// </summary>
    public EmulatorPersona? Persona { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether, when <see cref="Persona"/> is null, each request is answered as the persona
    /// of its model (<see cref="EmulatorPersona.ForModel"/>). Default <see langword="false"/>: tool calls stay native and
    /// reasoning stays in <c>reasoning_content</c>; only the stream's end marker follows the model's family.
    /// </summary>
    public bool PersonasByModelId { get; set; }

    /// <summary>Gets or sets the stream quirks used when a reply sets none; default: every DeepInfra quirk on.</summary>
    public EmulatorStreamQuirks Quirks { get; set; } = new();

    internal EmulatorModelPrice PriceOf(string model) =>
        Prices.TryGetValue(model, out EmulatorModelPrice? price) ? price : FallbackPrice;

    /// <summary>The first entry of <see cref="Models"/> with this id (case-insensitive), or null.</summary>
    internal EmulatorModel? FindModel(string id)
    {
        foreach (EmulatorModel? model in Models)
        {
            if (model is not null && string.Equals(model.Id, id, StringComparison.OrdinalIgnoreCase))
            {
                return model;
            }
        }

        return null;
    }

    /// <summary>The persona a request for <paramref name="model"/> is answered as, if any.</summary>
    internal EmulatorPersona? PersonaFor(string? model) => Persona ?? (PersonasByModelId ? EmulatorPersona.ForModel(model) : null);
}
