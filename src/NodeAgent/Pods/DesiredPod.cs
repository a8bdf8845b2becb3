using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.NodeAgent.Runtime;
using k8s.Models;

namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>
/// A pod as the control plane wants it: the stored JSON (for its status, which this node wrote
/// before) and the typed KubernetesClient model of it (for the spec).
/// </summary>
internal sealed class DesiredPod
{
    private DesiredPod(JsonObject json, V1Pod model)
    {
        Json = json;
        Model = model;
        Ref = new PodRef(model.Metadata.Uid, model.Metadata.NamespaceProperty ?? "default", model.Metadata.Name);
        var spec = model.Spec;
        InitContainers = [.. (spec.InitContainers ?? []).Select((c, i) => new PodContainer(c, IsInit: true, i))];
        Containers = [.. (spec.Containers ?? []).Select((c, i) => new PodContainer(c, IsInit: false, i))];
    }

    public JsonObject Json { get; }

    public V1Pod Model { get; }

    public PodRef Ref { get; }

    public string Uid => Ref.Uid;

    public string Namespace => Ref.Namespace;

    public string Name => Ref.Name;

    public V1PodSpec Spec => Model.Spec;

    public IReadOnlyList<PodContainer> InitContainers { get; }

    public IReadOnlyList<PodContainer> Containers { get; }

    public IEnumerable<PodContainer> AllContainers => InitContainers.Concat(Containers);

    /// <summary>Always, OnFailure or Never (the API server defaults it to Always).</summary>
    public string RestartPolicy => Spec.RestartPolicy is { Length: > 0 } policy ? policy : "Always";

    public TimeSpan TerminationGracePeriod => TimeSpan.FromSeconds(Math.Max(0, Spec.TerminationGracePeriodSeconds ?? 30));

    public bool IsDeleting => Model.Metadata.DeletionTimestamp is not null;

    /// <summary>The grace period the deletion asked for, else the spec's.</summary>
    public TimeSpan DeletionGracePeriod => Model.Metadata.DeletionGracePeriodSeconds is { } seconds
        ? TimeSpan.FromSeconds(Math.Max(0, seconds))
        : TerminationGracePeriod;

    public long? ActiveDeadlineSeconds => Spec.ActiveDeadlineSeconds;

    public string? NodeName => Spec.NodeName;

    /// <summary>The status as stored: what this node (or the API server, at creation) last wrote.</summary>
    public JsonObject? StoredStatus => Json["status"] as JsonObject;

    /// <summary>How the kubelet names a pod in messages: <c>name_namespace(uid)</c>.</summary>
    public string Display => $"{Name}_{Namespace}({Uid})";

    public PodContainer? FindContainer(string name) => AllContainers.FirstOrDefault(c => c.Name == name);

    /// <summary>
    /// Whether <paramref name="json"/> asks the same of this node as this pod does: nothing differs but the
    /// status (mostly this node's own report coming back) and the write's bookkeeping (resourceVersion,
    /// managedFields). Like the kubelet's config source, such an update is no work for the pod worker,
    /// and it is told without decoding the pod again.
    /// </summary>
    public bool SameDesireAs(JsonObject json)
    {
        if (!JsonNode.DeepEquals(Json["spec"], json["spec"]))
        {
            return false;
        }
        var mine = Json["metadata"] as JsonObject;
        var theirs = json["metadata"] as JsonObject;
        if (mine is null || theirs is null)
        {
            return mine is null && theirs is null;
        }
        var keys = mine.Select(p => p.Key).Concat(theirs.Select(p => p.Key)).Where(k => k is not ("resourceVersion" or "managedFields")).Distinct();
        return keys.All(k => JsonNode.DeepEquals(mine[k], theirs[k]));
    }

    /// <summary>The same object version: nothing to act on (a full Sync repeats every pod).</summary>
    public bool SameAs(DesiredPod other) =>
        Model.Metadata.ResourceVersion is { Length: > 0 } version && other.Model.Metadata.ResourceVersion == version
            ? true
            : JsonNode.DeepEquals(Json, other.Json);

    /// <summary>Null when the JSON is not a pod this node can run (no uid, name or containers).</summary>
    public static DesiredPod? TryParse(JsonObject json, out string? error)
    {
        V1Pod model;
        try
        {
            model = StrictDecoder.Decode<V1Pod>(json);
        }
        catch (Exception e)
        {
            error = $"cannot decode the pod: {e.Message}";
            return null;
        }
        if (model?.Metadata is not { Uid.Length: > 0, Name.Length: > 0 } || model.Spec?.Containers is not { Count: > 0 })
        {
            error = "a pod needs metadata.uid, metadata.name and at least one container";
            return null;
        }
        error = null;
        return new DesiredPod(json, model);
    }
}

/// <summary>One container of the pod spec, init or regular.</summary>
internal sealed record PodContainer(V1Container Spec, bool IsInit, int Index)
{
    public string Name => Spec.Name;

    public string Image => Spec.Image ?? "";

    /// <summary>The object reference field path events carry, e.g. <c>spec.containers{kubia}</c>.</summary>
    public string FieldPath => IsInit ? $"spec.initContainers{{{Name}}}" : $"spec.containers{{{Name}}}";

    public ImagePullPolicy PullPolicy => Spec.ImagePullPolicy switch
    {
        "Always" => ImagePullPolicy.Always,
        "Never" => ImagePullPolicy.Never,
        "IfNotPresent" => ImagePullPolicy.IfNotPresent,
        // The API server defaults it; this is the same rule for a pod that skipped defaulting.
        _ => Image.Contains('@') || (Image.LastIndexOf(':') > Image.LastIndexOf('/') && !Image.EndsWith(":latest", StringComparison.Ordinal))
            ? ImagePullPolicy.IfNotPresent
            : ImagePullPolicy.Always,
    };
}
