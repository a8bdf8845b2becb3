using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;

namespace ActorOrchestrator.Grains.Objects;

/// <summary>Finds the grain that owns an object.</summary>
public static class ObjectGrains
{
    private static readonly Dictionary<string, Type> InterfaceByResource = new()
    {
        [ResourceRegistry.Namespaces.StorageKey] = typeof(INamespaceGrain),
        [ResourceRegistry.Pods.StorageKey] = typeof(IPodGrain),
        [ResourceRegistry.Nodes.StorageKey] = typeof(INodeGrain),
        [ResourceRegistry.Events.StorageKey] = typeof(IEventGrain),
        [ResourceRegistry.ReplicationControllers.StorageKey] = typeof(IReplicationControllerGrain),
        [ResourceRegistry.ReplicaSets.StorageKey] = typeof(IReplicaSetGrain),
        [ResourceRegistry.Deployments.StorageKey] = typeof(IDeploymentGrain),
        [ResourceRegistry.DaemonSets.StorageKey] = typeof(IDaemonSetGrain),
        [ResourceRegistry.Jobs.StorageKey] = typeof(IJobGrain),
        [ResourceRegistry.CronJobs.StorageKey] = typeof(ICronJobGrain),
    };

    public static IApiObjectGrain Get(IGrainFactory grains, ObjectKey key) =>
        (IApiObjectGrain)grains.GetGrain(InterfaceByResource.GetValueOrDefault(key.Resource, typeof(IPlainObjectGrain)), key.ToString());

    public static IApiObjectGrain Get(IGrainFactory grains, ResourceType type, string ns, string name) =>
        Get(grains, new ObjectKey(type.StorageKey, type.Namespaced ? ns : "", name));
}
