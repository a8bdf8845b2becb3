using ActorOrchestrator.Grains.Events;
using ActorOrchestrator.Grains.Namespaces;
using ActorOrchestrator.Store.Reading;
using ActorOrchestrator.Store.Writing;

namespace ActorOrchestrator.Grains.Objects;

/// <summary>What every object grain needs from its silo, in one constructor parameter.</summary>
public sealed class ObjectServices(
    ObjectReader reader,
    StoreWriter writer,
    NamespaceGate namespaces,
    EventRecorder events,
    TimeProvider time)
{
    public ObjectReader Reader { get; } = reader;

    public StoreWriter Writer { get; } = writer;

    public NamespaceGate Namespaces { get; } = namespaces;

    public EventRecorder Events { get; } = events;

    public TimeProvider Time { get; } = time;
}
