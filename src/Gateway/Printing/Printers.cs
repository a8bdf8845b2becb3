using ActorOrchestrator.Api.Resources;

namespace ActorOrchestrator.Gateway.Printing;

/// <summary>Which table layout each served resource uses; resources without one get NAME AGE.</summary>
internal static class Printers
{
    private static readonly Dictionary<string, ResourcePrinter> ByStorageKey = new()
    {
        [ResourceRegistry.Pods.StorageKey] = new PodPrinter(),
        [ResourceRegistry.Nodes.StorageKey] = new NodePrinter(),
        [ResourceRegistry.Events.StorageKey] = new EventPrinter(),
        [ResourceRegistry.Services.StorageKey] = new ServicePrinter(),
        [ResourceRegistry.ReplicationControllers.StorageKey] = ReplicaPrinter.ReplicationControllers,
        [ResourceRegistry.ReplicaSets.StorageKey] = ReplicaPrinter.ReplicaSets,
        [ResourceRegistry.Deployments.StorageKey] = new DeploymentPrinter(),
        [ResourceRegistry.DaemonSets.StorageKey] = new DaemonSetPrinter(),
        [ResourceRegistry.Jobs.StorageKey] = new JobPrinter(),
        [ResourceRegistry.CronJobs.StorageKey] = new CronJobPrinter(),
        [ResourceRegistry.Endpoints.StorageKey] = new EndpointsPrinter(),
        [ResourceRegistry.EndpointSlices.StorageKey] = new EndpointSlicePrinter(),
        [ResourceRegistry.Namespaces.StorageKey] = SimplePrinter.Namespaces,
        [ResourceRegistry.ConfigMaps.StorageKey] = SimplePrinter.ConfigMaps,
        [ResourceRegistry.Secrets.StorageKey] = SimplePrinter.Secrets,
        [ResourceRegistry.ServiceAccounts.StorageKey] = SimplePrinter.ServiceAccounts,
        [ResourceRegistry.Leases.StorageKey] = SimplePrinter.Leases,
    };

    public static ResourcePrinter For(ResourceType type) => ByStorageKey.GetValueOrDefault(type.StorageKey, SimplePrinter.Default);
}
