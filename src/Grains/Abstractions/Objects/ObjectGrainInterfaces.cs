using ActorOrchestrator.Grains.Events;
using Orleans.Concurrency;

namespace ActorOrchestrator.Grains.Objects;

// One interface per kind so that Orleans routes each kind to its own grain class.

public interface INamespaceGrain : IApiObjectGrain;

public interface IPodGrain : IApiObjectGrain;

public interface INodeGrain : IApiObjectGrain;

/// <summary>An event; <see cref="Record"/> creates it or counts one more occurrence.</summary>
public interface IEventGrain : IApiObjectGrain
{
    [OneWay]
    Task Record(EventRecord record);
}

/// <summary>Objects with no behaviour beyond validation and storage (ConfigMaps, Leases, ...).</summary>
public interface IPlainObjectGrain : IApiObjectGrain;
