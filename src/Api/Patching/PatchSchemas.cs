using ActorOrchestrator.Api.Resources;

namespace ActorOrchestrator.Api.Patching;

/// <summary>
/// The strategic merge patch table for the kinds this API serves, taken from the
/// <c>patchStrategy</c>/<c>patchMergeKey</c> tags of the Kubernetes v1 types. Each kind is built from
/// shared pieces (object metadata, pod spec, container, status) placed at the paths where the kind
/// holds them, so a pod template inside a CronJob gets exactly the rules of a Pod.
/// </summary>
public static class PatchSchemas
{
    private static readonly ListPatchRule ByName = ListPatchRule.ByKey("name");
    private static readonly ListPatchRule ByType = ListPatchRule.ByKey("type");

    // Relative paths; "[]" steps into each item.
    private static readonly (string Path, ListPatchRule Rule)[] ObjectMeta =
    [
        ("finalizers", ListPatchRule.MergeScalars),
        ("ownerReferences", ListPatchRule.ByKey("uid")),
    ];

    private static readonly (string Path, ListPatchRule Rule)[] Container =
    [
        ("ports", ListPatchRule.ByKey("containerPort")),
        ("env", ByName),
        ("volumeMounts", ListPatchRule.ByKey("mountPath")),
        ("volumeDevices", ListPatchRule.ByKey("devicePath")),
    ];

    private static readonly (string Path, ListPatchRule Rule)[] PodSpec =
    [
        ("containers", ByName),
        ("initContainers", ByName),
        ("ephemeralContainers", ByName),
        ("volumes", ByName),
        ("imagePullSecrets", ByName),
        ("hostAliases", ListPatchRule.ByKey("ip")),
        ("topologySpreadConstraints", ListPatchRule.ByKey("topologyKey")),
        ("resourceClaims", ByName),
        ("schedulingGates", ByName),
        .. Under("containers[]", Container),
        .. Under("initContainers[]", Container),
        .. Under("ephemeralContainers[]", Container),
    ];

    private static readonly (string Path, ListPatchRule Rule)[] PodStatus =
    [
        ("conditions", ByType),
        ("podIPs", ListPatchRule.ByKey("ip")),
        ("hostIPs", ListPatchRule.ByKey("ip")),
    ];

    private static readonly (string Path, ListPatchRule Rule)[] Conditions = [("conditions", ByType)];

    /// <summary>Workloads whose pods come from <c>spec.template</c>.</summary>
    private static readonly (string Path, ListPatchRule Rule)[] TemplateWorkload =
    [
        .. Under("spec.template.metadata", ObjectMeta),
        .. Under("spec.template.spec", PodSpec),
        .. Under("status", Conditions),
    ];

    private static readonly Dictionary<string, PatchSchema> ByKind = new(StringComparer.Ordinal)
    {
        ["Pod"] = Schema(Under("spec", PodSpec), Under("status", PodStatus)),
        ["Deployment"] = Schema(TemplateWorkload),
        ["ReplicaSet"] = Schema(TemplateWorkload),
        ["ReplicationController"] = Schema(TemplateWorkload),
        ["DaemonSet"] = Schema(TemplateWorkload),
        ["Job"] = Schema(TemplateWorkload),
        ["CronJob"] = Schema(
            Under("spec.jobTemplate.metadata", ObjectMeta),
            Under("spec.jobTemplate.spec.template.metadata", ObjectMeta),
            Under("spec.jobTemplate.spec.template.spec", PodSpec)),
        ["Node"] = Schema([("spec.podCIDRs", ListPatchRule.MergeScalars), ("status.conditions", ByType), ("status.addresses", ByType)]),
        ["Service"] = Schema([("spec.ports", ListPatchRule.ByKey("port"))], Under("status", Conditions)),
        ["Namespace"] = Schema(Under("status", Conditions)),
        ["ServiceAccount"] = Schema([("secrets", ByName)]),
    };

    /// <summary>Metadata rules only: what every other kind (ConfigMap, Secret, Event, ...) merges.</summary>
    public static PatchSchema Generic { get; } = Schema();

    public static PatchSchema For(ResourceType type) => For(type.Kind);

    public static PatchSchema For(string kind) => ByKind.GetValueOrDefault(kind, Generic);

    private static PatchSchema Schema(params (string Path, ListPatchRule Rule)[][] parts) =>
        new(Under("metadata", ObjectMeta).Concat(parts.SelectMany(p => p))
            .Select(p => KeyValuePair.Create(p.Path, p.Rule)));

    private static (string Path, ListPatchRule Rule)[] Under(string prefix, (string Path, ListPatchRule Rule)[] rules) =>
        rules.Select(r => ($"{prefix}.{r.Path}", r.Rule)).ToArray();
}
