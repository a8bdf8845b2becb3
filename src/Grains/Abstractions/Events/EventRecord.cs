using System.Security.Cryptography;
using System.Text;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;

namespace ActorOrchestrator.Grains.Events;

/// <summary>The object an event is about, as <c>involvedObject</c> shows it.</summary>
[GenerateSerializer, Immutable]
public sealed record InvolvedObject(
    [property: Id(0)] string Kind,
    [property: Id(1)] string ApiVersion,
    [property: Id(2)] string Namespace,
    [property: Id(3)] string Name,
    [property: Id(4)] string Uid,
    [property: Id(5)] string? FieldPath = null);

/// <summary>Something a component wants users to see in <c>kubectl describe</c>.</summary>
/// <param name="Type"><c>Normal</c> or <c>Warning</c>.</param>
/// <param name="Component">The reporting component, e.g. <c>default-scheduler</c> or <c>kubelet</c>.</param>
/// <param name="Host">The node, for events from a node agent.</param>
[GenerateSerializer, Immutable]
public sealed record EventRecord(
    [property: Id(0)] InvolvedObject Object,
    [property: Id(1)] string Type,
    [property: Id(2)] string Reason,
    [property: Id(3)] string Message,
    [property: Id(4)] string Component,
    [property: Id(5)] string? Host = null)
{
    /// <summary>
    /// Where this event is stored. Repeats of the same event (same object, reason, message and source)
    /// share a key, so they become one event with a growing count, as Kubernetes' recorder aggregates them.
    /// </summary>
    public ObjectKey Key()
    {
        var ns = string.IsNullOrEmpty(Object.Namespace) ? "default" : Object.Namespace;
        var identity = string.Join('\n', Object.Uid, Object.FieldPath, Type, Reason, Message, Component, Host);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)).AsSpan(0, 8));
        return new ObjectKey(ResourceRegistry.Events.StorageKey, ns, $"{Object.Name}.{hash}");
    }
}
