using System.Globalization;
using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;

namespace ActorOrchestrator.Grains.Controllers;

/// <summary>
/// What the controllers need to know of a pod, read once from its JSON: identity, owner, where it runs and
/// how healthy it is. Decisions take these views so that they never touch JSON on their hot paths.
/// </summary>
/// <param name="ControllerUid">The uid of the ownerReference with <c>controller: true</c>, if any.</param>
/// <param name="Phase"><c>status.phase</c>, "" when unset.</param>
/// <param name="ReadySince">The Ready condition's lastTransitionTime while the pod is ready.</param>
/// <param name="NodeName"><c>spec.nodeName</c>, "" while unscheduled.</param>
/// <param name="TargetNodeName">The node the pod is meant for: <c>spec.nodeName</c>, else the node a DaemonSet pinned it to through a <c>metadata.name</c> matchFields affinity term.</param>
/// <param name="RestartCount">Restarts summed over init and app containers (what the Job controller counts).</param>
/// <param name="MaxRestartCount">The most restarts of any app container (what the ReplicaSet deletion order compares).</param>
/// <param name="ReadyUnknown">The Ready condition is Unknown: the pod's node stopped reporting.</param>
/// <param name="FinishedAt">When the pod finished: the last container termination, else its deletion.</param>
public sealed record PodView(
    string Name,
    string Namespace,
    string Uid,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    string? ControllerUid,
    string Phase,
    bool Ready,
    DateTimeOffset? ReadySince,
    DateTimeOffset? DeletionTimestamp,
    string NodeName,
    string TargetNodeName,
    DateTimeOffset? CreationTimestamp,
    int RestartCount,
    int MaxRestartCount,
    bool ReadyUnknown,
    IReadOnlyList<string> Finalizers,
    DateTimeOffset? FinishedAt)
{
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Running = "Running";
    public const string Pending = "Pending";
    public const string Unknown = "Unknown";

    /// <summary>Kubernetes' PodDeletionCost annotation: lower-cost pods are deleted first.</summary>
    public const string DeletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost";

    /// <summary><c>namespace/name</c>, the key expectations track deletions by.</summary>
    public string Key => $"{Namespace}/{Name}";

    /// <summary>Kubernetes' IsPodActive: not terminal and not being deleted.</summary>
    public bool IsActive => Phase is not (Succeeded or Failed) && DeletionTimestamp is null;

    public bool IsTerminal => Phase is Succeeded or Failed;

    /// <summary>Being deleted but not yet terminal (Kubernetes' IsPodTerminating).</summary>
    public bool IsTerminating => !IsTerminal && DeletionTimestamp is not null;

    /// <summary>
    /// Kubernetes' IsPodAvailable: ready, and (when minReadySeconds is positive) ready since strictly more
    /// than minReadySeconds before <paramref name="now"/>.
    /// </summary>
    public bool IsAvailable(int minReadySeconds, DateTimeOffset now) =>
        Ready && (minReadySeconds <= 0 || (ReadySince is { } since && since.AddSeconds(minReadySeconds) < now));

    /// <summary>When the pod becomes available if it stays ready; null when it is not ready.</summary>
    public DateTimeOffset? AvailableAt(int minReadySeconds) =>
        !Ready ? null : minReadySeconds <= 0 ? DateTimeOffset.MinValue : ReadySince?.AddSeconds(minReadySeconds);

    /// <summary>The deletion cost annotation as Kubernetes parses it (an int32; anything else is 0).</summary>
    public int DeletionCost =>
        Annotations.TryGetValue(DeletionCostAnnotation, out var text) && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var cost) ? cost : 0;

    public bool HasFinalizer(string finalizer) => Finalizers.Contains(finalizer);

    public static PodView From(JsonObject pod)
    {
        var meta = pod.Metadata();
        var status = pod.Status();
        var ready = status.Objects("conditions").FirstOrDefault(c => c.Text("type") == "Ready");
        var isReady = ready?.Text("status") == "True";
        var containers = status.Objects("containerStatuses");
        var initContainers = status.Objects("initContainerStatuses");
        var restarts = (int)(containers.Sum(c => c.Num("restartCount") ?? 0) + initContainers.Sum(c => c.Num("restartCount") ?? 0));
        var maxRestarts = containers.Count == 0 ? 0 : (int)containers.Max(c => c.Num("restartCount") ?? 0);
        var deletion = Timestamps.Parse(pod.DeletionTimestamp());
        var nodeName = pod.Spec().Text("nodeName");
        return new PodView(
            pod.Name() ?? "",
            pod.Namespace() ?? "",
            pod.Uid() ?? "",
            pod.Labels(),
            pod.Annotations(),
            ControllerOf(pod)?.Uid,
            status.Text("phase"),
            isReady,
            isReady ? ready.Time("lastTransitionTime") : null,
            deletion,
            nodeName,
            nodeName.Length > 0 ? nodeName : AffinityNode(pod) ?? "",
            meta.Time("creationTimestamp"),
            restarts,
            maxRestarts,
            ready?.Text("status") == "Unknown",
            pod.Finalizers(),
            FinishTime(containers.Concat(initContainers), ready, isReady, deletion));
    }

    /// <summary>The controller ownerReference (<c>controller: true</c>) of any object.</summary>
    public static OwnerRef? ControllerOf(JsonObject obj) =>
        obj.Metadata().Objects("ownerReferences").Where(r => r.Flag("controller") == true).Select(OwnerRef.From).FirstOrDefault();

    private static string? AffinityNode(JsonObject pod)
    {
        var terms = pod.Spec().Objects("affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms");
        return terms.SelectMany(t => t.Objects("matchFields"))
            .Where(f => f.Text("key") == "metadata.name" && f.Text("operator") == "In" && f.Strings("values").Count == 1)
            .Select(f => f.Strings("values")[0])
            .FirstOrDefault();
    }

    private static DateTimeOffset? FinishTime(IEnumerable<JsonObject> containers, JsonObject? ready, bool isReady, DateTimeOffset? deletion)
    {
        var finished = containers.Select(c => c.Time("state", "terminated", "finishedAt")).Where(t => t is not null).Max();
        if (finished is not null) return finished;
        if (ready is not null && !isReady && ready.Time("lastTransitionTime") is { } readyFalse) return readyFalse;
        return deletion;
    }
}

/// <summary>One entry of <c>metadata.ownerReferences</c>.</summary>
public sealed record OwnerRef(string ApiVersion, string Kind, string Name, string Uid, bool Controller, bool BlockOwnerDeletion)
{
    public static OwnerRef From(JsonObject reference) => new(
        reference.Text("apiVersion"), reference.Text("kind"), reference.Text("name"), reference.Text("uid"),
        reference.Flag("controller") == true, reference.Flag("blockOwnerDeletion") == true);

    /// <summary>Kubernetes' NewControllerRef: controller and blockOwnerDeletion both true.</summary>
    public static JsonObject ControllerRefTo(JsonObject owner) => new()
    {
        ["apiVersion"] = owner.GetString("apiVersion") ?? "",
        ["kind"] = owner.GetString("kind") ?? "",
        ["name"] = owner.Name() ?? "",
        ["uid"] = owner.Uid() ?? "",
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };
}
