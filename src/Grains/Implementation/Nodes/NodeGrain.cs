using ActorOrchestrator.Grains.Objects;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.Grains.Nodes;

/// <summary>A node, registered and kept up to date by its node agent.</summary>
public sealed class NodeGrain(ObjectServices services, ILogger<NodeGrain> logger)
    : ApiObjectGrain(services, logger), INodeGrain;
