using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Grains.Objects;

namespace ActorOrchestrator.Grains.Events;

/// <summary>Records events about objects, fire-and-forget: an event lost in a failover is only an event.</summary>
public sealed class EventRecorder(IGrainFactory grains)
{
    public void Record(JsonObject about, string type, string reason, string message, string component, string? host = null)
    {
        var resource = ResourceRegistry.FindByKind(about.GetString("apiVersion") ?? "", about.GetString("kind") ?? "");
        var involved = new InvolvedObject(
            about.GetString("kind") ?? "",
            about.GetString("apiVersion") ?? "",
            resource?.Namespaced == false ? "" : about.Namespace() ?? "",
            about.Name() ?? "",
            about.Uid() ?? "");
        Record(new EventRecord(involved, type, reason, message, component, host));
    }

    public void Record(EventRecord record)
    {
        var key = record.Key();
        _ = grains.GetGrain<IEventGrain>(key.ToString()).Record(record);
    }
}
