using k8s.Models;

namespace ActorOrchestrator.Api.Resources;

/// <summary>
/// Every resource the API serves. Adding a kind means adding one line here plus its grain.
/// </summary>
public static class ResourceRegistry
{
    private static readonly string[] InAll = ["all"];
    private static readonly string[] None = [];

    public static ResourceType Namespaces { get; } = Core("Namespace", "namespaces", "namespace", false, ["ns"], None, ["status", "finalize"], typeof(V1Namespace));
    public static ResourceType Pods { get; } = Core("Pod", "pods", "pod", true, ["po"], InAll, ["status", "log", "exec", "portforward", "binding", "attach", "eviction"], typeof(V1Pod));
    public static ResourceType Nodes { get; } = Core("Node", "nodes", "node", false, ["no"], None, ["status", "proxy"], typeof(V1Node));
    public static ResourceType Events { get; } = Core("Event", "events", "event", true, ["ev"], None, None, typeof(Corev1Event));
    public static ResourceType ReplicationControllers { get; } = Core("ReplicationController", "replicationcontrollers", "replicationcontroller", true, ["rc"], InAll, ["status", "scale"], typeof(V1ReplicationController));
    public static ResourceType Services { get; } = Core("Service", "services", "service", true, ["svc"], InAll, ["status", "proxy"], typeof(V1Service));
    public static ResourceType Endpoints { get; } = Core("Endpoints", "endpoints", "endpoints", true, ["ep"], None, None, typeof(V1Endpoints));
    public static ResourceType ConfigMaps { get; } = Core("ConfigMap", "configmaps", "configmap", true, ["cm"], None, None, typeof(V1ConfigMap));
    public static ResourceType Secrets { get; } = Core("Secret", "secrets", "secret", true, None, None, None, typeof(V1Secret));
    public static ResourceType ServiceAccounts { get; } = Core("ServiceAccount", "serviceaccounts", "serviceaccount", true, ["sa"], None, ["token"], typeof(V1ServiceAccount));

    public static ResourceType ReplicaSets { get; } = Apps("ReplicaSet", "replicasets", "replicaset", ["rs"], ["v1", "v1beta2"], typeof(V1ReplicaSet));
    public static ResourceType Deployments { get; } = Apps("Deployment", "deployments", "deployment", ["deploy"], ["v1"], typeof(V1Deployment));
    public static ResourceType DaemonSets { get; } = Apps("DaemonSet", "daemonsets", "daemonset", ["ds"], ["v1", "v1beta2"], typeof(V1DaemonSet));

    public static ResourceType Jobs { get; } = new("batch", "v1", ["v1"], "Job", "jobs", "job", true, None, InAll, ["status", "scale"], typeof(V1Job));
    public static ResourceType CronJobs { get; } = new("batch", "v1", ["v1", "v1beta1"], "CronJob", "cronjobs", "cronjob", true, ["cj"], InAll, ["status"], typeof(V1CronJob));

    public static ResourceType EndpointSlices { get; } = new("discovery.k8s.io", "v1", ["v1"], "EndpointSlice", "endpointslices", "endpointslice", true, None, None, None, typeof(V1EndpointSlice));
    public static ResourceType Leases { get; } = new("coordination.k8s.io", "v1", ["v1"], "Lease", "leases", "lease", true, None, None, None, typeof(V1Lease));

    /// <summary>All resource types, in the order discovery lists them.</summary>
    public static IReadOnlyList<ResourceType> AllTypes { get; } =
    [
        Namespaces, Pods, Nodes, Events, ReplicationControllers, Services, Endpoints, ConfigMaps, Secrets, ServiceAccounts,
        ReplicaSets, Deployments, DaemonSets, Jobs, CronJobs, EndpointSlices, Leases,
    ];

    private static readonly Dictionary<(string Group, string Plural), ResourceType> ByGroupResource =
        AllTypes.ToDictionary(r => (r.Group, r.Plural));

    private static readonly Dictionary<(string ApiVersion, string Kind), ResourceType> ByApiVersionKind =
        AllTypes.SelectMany(r => r.ServedVersions.Select(v => (Key: (r.ApiVersionOf(v), r.Kind), Type: r)))
            .ToDictionary(x => x.Key, x => x.Type);

    private static readonly Dictionary<string, ResourceType> ByStorageKey = AllTypes.ToDictionary(r => r.StorageKey);

    /// <summary>The group names served under <c>/apis</c>, each with its versions, preferred first.</summary>
    public static IReadOnlyList<(string Group, IReadOnlyList<string> Versions)> Groups { get; } =
        AllTypes.Where(r => r.Group.Length > 0)
            .GroupBy(r => r.Group)
            .Select(g => (g.Key, (IReadOnlyList<string>)g.SelectMany(r => r.ServedVersions).Distinct().ToList()))
            .ToList();

    /// <summary>The resource served at <c>/apis/{group}/{version}/{plural}</c>, if that version is served.</summary>
    public static ResourceType? Find(string group, string version, string plural) =>
        ByGroupResource.TryGetValue((group, plural), out var type) && type.Serves(version) ? type : null;

    /// <summary>The resource a manifest's apiVersion and kind name.</summary>
    public static ResourceType? FindByKind(string apiVersion, string kind) =>
        ByApiVersionKind.GetValueOrDefault((apiVersion, kind));

    public static ResourceType? FindByStorageKey(string storageKey) => ByStorageKey.GetValueOrDefault(storageKey);

    /// <summary>The resources served by one group-version.</summary>
    public static IEnumerable<ResourceType> InGroupVersion(string group, string version) =>
        AllTypes.Where(r => r.Group == group && r.Serves(version));

    private static ResourceType Core(string kind, string plural, string singular, bool namespaced,
        string[] shortNames, string[] categories, string[] subresources, Type model) =>
        new("", "v1", ["v1"], kind, plural, singular, namespaced, shortNames, categories, subresources, model);

    private static ResourceType Apps(string kind, string plural, string singular, string[] shortNames, string[] versions, Type model) =>
        new("apps", "v1", versions, kind, plural, singular, true, shortNames, InAll,
            kind == "DaemonSet" ? ["status"] : ["status", "scale"], model);
}
