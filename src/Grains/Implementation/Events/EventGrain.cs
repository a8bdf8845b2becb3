using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Grains.Objects;
using ActorOrchestrator.Store.Writing;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.Grains.Events;

/// <summary>One event. Recording it again bumps its count and last time instead of adding a new one.</summary>
public sealed class EventGrain(ObjectServices services, ILogger<EventGrain> logger)
    : ApiObjectGrain(services, logger), IEventGrain
{
    public async Task Record(EventRecord record)
    {
        await EnsureLoadedAsync();
        var now = Timestamps.Format(Now);
        if (Current is { } existing)
        {
            var repeated = existing.Clone();
            repeated["count"] = (existing.Num("count") ?? 1) + 1;
            repeated["lastTimestamp"] = now;
            await CommitAsync(WriteKind.Update, repeated);
            return;
        }
        var created = EventObjects.Build(record, Key, now);
        ServerMetadata.StampNew(created, Now);
        await CommitAsync(WriteKind.Create, created);
    }
}
