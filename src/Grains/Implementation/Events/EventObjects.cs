using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;

namespace ActorOrchestrator.Grains.Events;

/// <summary>The v1 Event object for a record, with the fields <c>kubectl describe</c> reads.</summary>
internal static class EventObjects
{
    public static JsonObject Build(EventRecord record, ObjectKey key, string now)
    {
        var involved = new JsonObject
        {
            ["kind"] = record.Object.Kind,
            ["namespace"] = record.Object.Namespace,
            ["name"] = record.Object.Name,
            ["uid"] = record.Object.Uid,
            ["apiVersion"] = record.Object.ApiVersion,
        };
        if (record.Object.FieldPath is not null) involved["fieldPath"] = record.Object.FieldPath;
        var source = new JsonObject { ["component"] = record.Component };
        if (record.Host is not null) source["host"] = record.Host;
        return new JsonObject
        {
            ["apiVersion"] = ResourceRegistry.Events.ApiVersion,
            ["kind"] = ResourceRegistry.Events.Kind,
            ["metadata"] = new JsonObject { ["name"] = key.Name, ["namespace"] = key.Namespace },
            ["involvedObject"] = involved,
            ["reason"] = record.Reason,
            ["message"] = record.Message,
            ["source"] = source,
            ["firstTimestamp"] = now,
            ["lastTimestamp"] = now,
            ["count"] = 1,
            ["type"] = record.Type,
            ["eventTime"] = null,
            ["reportingComponent"] = record.Component,
            ["reportingInstance"] = record.Host ?? "",
        };
    }
}
