using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Grains.Objects;

namespace ActorOrchestrator.Grains.Nodes;

/// <summary>
/// The node's <c>coordination.k8s.io</c> Lease in <c>kube-node-lease</c>: its renew time is the durable
/// record of the last heartbeat, so a node grain that moves to another silo knows how long the
/// node has been silent.
/// </summary>
internal static class NodeLease
{
    public const string Namespace = "kube-node-lease";

    public static ObjectKey KeyFor(string node) => new(ResourceRegistry.Leases.StorageKey, Namespace, node);

    public static async Task RenewAsync(IGrainFactory grains, JsonObject node, TimeSpan duration, DateTimeOffset now)
    {
        var name = node.Name()!;
        var lease = ObjectGrains.Get(grains, KeyFor(name));
        var renew = new JsonObject { ["spec"] = new JsonObject { ["renewTime"] = Timestamps.FormatMicro(now) } };
        try
        {
            await lease.Patch(new PatchCommand(PatchType.Merge, renew.ToJsonString()));
        }
        catch (ApiException ex) when (ex.Code == 404)
        {
            await lease.Create(new CreateCommand(New(node, duration, now).ToJsonString()));
        }
    }

    public static DateTimeOffset? RenewTime(JsonObject lease) => Timestamps.Parse(lease.Spec().Str("renewTime"));

    private static JsonObject New(JsonObject node, TimeSpan duration, DateTimeOffset now) => new()
    {
        ["apiVersion"] = ResourceRegistry.Leases.ApiVersion,
        ["kind"] = ResourceRegistry.Leases.Kind,
        ["metadata"] = new JsonObject
        {
            ["name"] = node.Name(),
            ["namespace"] = Namespace,
            ["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Node",
                ["name"] = node.Name(),
                ["uid"] = node.Uid(),
            }),
        },
        ["spec"] = new JsonObject
        {
            ["holderIdentity"] = node.Name(),
            ["leaseDurationSeconds"] = (int)duration.TotalSeconds,
            ["renewTime"] = Timestamps.FormatMicro(now),
        },
    };
}
