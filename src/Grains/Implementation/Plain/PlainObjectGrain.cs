using ActorOrchestrator.Grains.Objects;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.Grains.Plain;

/// <summary>Objects that are only stored and validated: ConfigMaps, Leases, Endpoints, ...</summary>
public sealed class PlainObjectGrain(ObjectServices services, ILogger<PlainObjectGrain> logger)
    : ApiObjectGrain(services, logger), IPlainObjectGrain;
