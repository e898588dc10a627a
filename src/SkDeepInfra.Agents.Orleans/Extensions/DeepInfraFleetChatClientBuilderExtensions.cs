using System;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using SkDeepInfra.Agents.Orleans;

namespace Microsoft.Extensions.AI;

/// <summary>Adds the fleet-wide DeepInfra concurrency limit to a chat client pipeline of a silo or cluster client.</summary>
public static class DeepInfraFleetChatClientBuilderExtensions
{
    /// <summary>Adds a <see cref="FleetConcurrencyChatClient"/>, with the grain factory (and, on a silo, the silo's address) from the pipeline's services.</summary>
    /// <param name="builder">The pipeline.</param>
    /// <param name="keyId">Identifies the DeepInfra API key the limit applies to (the key itself or a stable name; only a hash is kept).</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static ChatClientBuilder UseFleetConcurrencyLimit(this ChatClientBuilder builder, string keyId = FleetConcurrencyChatClient.DefaultKeyId)
    {
        ArgumentNullException.ThrowIfNull(builder);

        return builder.Use((inner, services) => new FleetConcurrencyChatClient(
            inner, services.GetRequiredService<IGrainFactory>(), keyId, services.GetService<ILocalSiloDetails>()?.SiloAddress));
    }
}
