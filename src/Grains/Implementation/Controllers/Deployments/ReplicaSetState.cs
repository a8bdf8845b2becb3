using System.Globalization;
using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;

namespace ActorOrchestrator.Grains.Controllers;

/// <summary>
/// A Deployment pass's working copy of one of its ReplicaSets: the spec the pass is writing (replicas,
/// annotations) over the status last observed. Kubernetes' controller writes each change as it goes and
/// reads it back; a pure pass keeps the changes here and hands them to the grain at the end.
/// </summary>
internal sealed class ReplicaSetState
{
    private readonly JsonObject _original;

    public ReplicaSetState(JsonObject replicaSet, bool isNew = false)
    {
        _original = replicaSet;
        Current = replicaSet.Clone();
        IsNew = isNew;
    }

    public JsonObject Current { get; }

    public bool IsNew { get; }

    public bool Changed => IsNew || !JsonNode.DeepEquals(_original, Current);

    public string Name => Current.Name() ?? "";

    public string Uid => Current.Uid() ?? "";

    public int Replicas
    {
        get => (int)(Current.Spec().Num("replicas") ?? 1);
        set => Spec()["replicas"] = value;
    }

    /// <summary>The size read at the start of the pass (what Kubernetes' status calculation still sees).</summary>
    public int OriginalReplicas => IsNew ? Replicas : (int)(_original.Spec().Num("replicas") ?? 1);

    public int StatusReplicas => (int)(Current.Status().Num("replicas") ?? 0);

    public int ReadyReplicas => (int)(Current.Status().Num("readyReplicas") ?? 0);

    public int AvailableReplicas => (int)(Current.Status().Num("availableReplicas") ?? 0);

    public DateTimeOffset CreationTimestamp => Current.Metadata().Time("creationTimestamp") ?? DateTimeOffset.MaxValue;

    public bool Deleting => Current.DeletionTimestamp() is not null;

    public JsonObject? Template => Current.Spec()?["template"] as JsonObject;

    /// <summary>The revision annotation; null when it does not parse (Kubernetes skips such ReplicaSets).</summary>
    public long? Revision =>
        Annotation(DeploymentAnnotations.Revision) is not { } text ? 0
        : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var revision) ? revision : null;

    public string? Annotation(string key) => Current.Annotations().TryGetValue(key, out var value) ? value : null;

    public void SetAnnotation(string key, string value)
    {
        var meta = Current.Metadata();
        if (meta["annotations"] is not JsonObject annotations) meta["annotations"] = annotations = [];
        annotations[key] = value;
    }

    public JsonObject Spec()
    {
        if (Current["spec"] is not JsonObject spec) Current["spec"] = spec = [];
        return spec;
    }

    /// <summary>ReplicaSetsByCreationTimestamp: older first, then by name.</summary>
    public static int ByCreation(ReplicaSetState a, ReplicaSetState b)
    {
        var byTime = a.CreationTimestamp.CompareTo(b.CreationTimestamp);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Name, b.Name);
    }
}
