using System.Globalization;
using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Selectors;

namespace ActorOrchestrator.Grains.Controllers;

/// <summary>
/// One Deployment pass (Kubernetes' syncDeployment), kept as mutable working state while the steps of
/// sync.go, rolling.go and recreate.go run over it; <see cref="DeploymentDecision"/> turns it into a plan.
/// </summary>
internal sealed partial class DeploymentPass
{
    private readonly JsonObject _deployment;
    private readonly DateTimeOffset _now;
    private readonly List<ReplicaSetState> _replicaSets;
    private readonly IReadOnlyList<JsonObject> _allInNamespace;

    public DeploymentPass(JsonObject deployment, IReadOnlyList<ReplicaSetState> owned, IReadOnlyList<JsonObject> allInNamespace, DateTimeOffset now)
    {
        _deployment = deployment;
        _now = now;
        _replicaSets = [.. owned];
        _allInNamespace = allInNamespace;
        var spec = deployment.Spec();
        Replicas = (int)(spec.Num("replicas") ?? 1);
        IsRollingUpdate = spec.Str("strategy", "type") is null or "RollingUpdate";
        (MaxSurge, MaxUnavailable) = DeploymentDecision.Fenceposts(deployment);
        Status = (JsonObject?)deployment.Status()?.DeepClone() ?? [];
        OldStatus = deployment.Status() ?? [];
    }

    public int Replicas { get; }

    public bool IsRollingUpdate { get; }

    public int MaxSurge { get; }

    public int MaxUnavailable { get; }

    public JsonObject Status { get; private set; }

    public JsonObject OldStatus { get; }

    public List<ControllerEvent> Events { get; } = [];

    public string? Revision { get; private set; }

    public ReplicaSetState? NewReplicaSet { get; private set; }

    public List<ReplicaSetState> OldReplicaSets { get; private set; } = [];

    public List<string> Deleted { get; } = [];

    public IReadOnlyList<ReplicaSetState> ReplicaSets => _replicaSets;

    public string Name => _deployment.Name() ?? "";

    public int MinReadySeconds => (int)(_deployment.Spec().Num("minReadySeconds") ?? 0);

    public JsonObject? Template => _deployment.Spec()?["template"] as JsonObject;

    /// <summary>API default 600 s; Kubernetes treats MaxInt32 as "no deadline".</summary>
    public int? ProgressDeadlineSeconds
    {
        get
        {
            var value = _deployment.Spec().Num("progressDeadlineSeconds") ?? 600;
            return value >= int.MaxValue ? null : (int)value;
        }
    }

    /// <summary>API default 10; MaxInt32 keeps everything.</summary>
    public int? RevisionHistoryLimit
    {
        get
        {
            var value = _deployment.Spec().Num("revisionHistoryLimit") ?? 10;
            return value >= int.MaxValue ? null : (int)value;
        }
    }

    /// <summary>
    /// getAllReplicaSetsAndSyncRevision: finds the ReplicaSet whose template equals the Deployment's (the
    /// oldest such), brings its revision to one above every old one, and (when asked) creates it.
    /// </summary>
    public void FindReplicaSets(bool createIfMissing)
    {
        _replicaSets.Sort(ReplicaSetState.ByCreation);
        NewReplicaSet = _replicaSets.FirstOrDefault(rs => TemplateHash.EqualIgnoringHash(rs.Template, Template));
        OldReplicaSets = _replicaSets.Where(rs => rs != NewReplicaSet).ToList();
        var newRevision = OldReplicaSets.Select(rs => rs.Revision ?? 0).DefaultIfEmpty(0).Max() + 1;
        if (NewReplicaSet is { } existing)
        {
            SetNewReplicaSetAnnotations(existing, newRevision, exists: true);
            if ((int)(existing.Current.Spec().Num("minReadySeconds") ?? 0) != MinReadySeconds) existing.Spec()["minReadySeconds"] = MinReadySeconds;
            Revision = existing.Annotation(DeploymentAnnotations.Revision);
            if (ProgressDeadlineSeconds is not null && StatusConditions.Find(Status, "Progressing") is null)
            {
                SetCondition("Progressing", "True", "FoundNewReplicaSet", $"Found new replica set \"{existing.Name}\"");
            }
            return;
        }
        if (createIfMissing) CreateNewReplicaSet(newRevision);
    }

    private void CreateNewReplicaSet(long newRevision)
    {
        var collisions = (int?)Status.Num("collisionCount");
        var hash = TemplateHash.Compute(Template, collisions);
        var name = $"{Name}-{hash}";
        var template = (JsonObject?)Template?.DeepClone() ?? [];
        AddLabel(template, hash);
        var selector = (JsonObject?)_deployment.Spec()?["selector"]?.DeepClone() ?? [];
        if (selector["matchLabels"] is not JsonObject matchLabels) selector["matchLabels"] = matchLabels = [];
        matchLabels[TemplateHash.PodTemplateHashLabel] = hash;

        if (_allInNamespace.Any(rs => rs.Name() == name))
        {
            // Hash collision with a ReplicaSet we do not own or whose template differs: bump collisionCount and retry next pass.
            Status["collisionCount"] = (collisions ?? 0) + 1;
            return;
        }

        var replicaSet = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = _deployment.Namespace(),
                ["labels"] = template.At("metadata", "labels")?.DeepClone(),
                ["ownerReferences"] = new JsonArray(OwnerRef.ControllerRefTo(_deployment)),
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 0,
                ["minReadySeconds"] = MinReadySeconds,
                ["selector"] = selector,
                ["template"] = template,
            },
        };
        var created = new ReplicaSetState(replicaSet, isNew: true);
        _replicaSets.Add(created);
        NewReplicaSet = created;
        created.Replicas = NewReplicaSetReplicas(created);
        SetNewReplicaSetAnnotations(created, newRevision, exists: false);
        if (created.Replicas > 0) Events.Add(ControllerEvent.Normal("ScalingReplicaSet", $"Scaled up replica set {name} to {created.Replicas}"));
        Revision = newRevision.ToString(CultureInfo.InvariantCulture);
        if (ProgressDeadlineSeconds is not null) SetCondition("Progressing", "True", "NewReplicaSetCreated", $"Created new replica set \"{name}\"");
    }

    private static void AddLabel(JsonObject template, string hash)
    {
        if (template["metadata"] is not JsonObject meta) template["metadata"] = meta = [];
        if (meta["labels"] is not JsonObject labels) meta["labels"] = labels = [];
        labels[TemplateHash.PodTemplateHashLabel] = hash;
    }

    /// <summary>SetNewReplicaSetAnnotations: copy the Deployment's annotations, raise the revision, keep the revisions it served before.</summary>
    private void SetNewReplicaSetAnnotations(ReplicaSetState rs, long newRevision, bool exists)
    {
        foreach (var (key, value) in _deployment.Annotations())
        {
            if (!DeploymentAnnotations.SkipCopy(key) && rs.Annotation(key) != value) rs.SetAnnotation(key, value);
        }
        var oldText = rs.Annotation(DeploymentAnnotations.Revision);
        if (oldText is not null && rs.Revision is null) return;
        var oldRevision = rs.Revision ?? 0;
        if (oldRevision < newRevision)
        {
            rs.SetAnnotation(DeploymentAnnotations.Revision, newRevision.ToString(CultureInfo.InvariantCulture));
            if (oldText is not null) AppendRevisionHistory(rs, oldText);
        }
        if (!exists) SetReplicasAnnotations(rs);
    }

    private static void AppendRevisionHistory(ReplicaSetState rs, string oldRevision)
    {
        var history = rs.Annotation(DeploymentAnnotations.RevisionHistory) ?? "";
        if (history.Length == 0)
        {
            rs.SetAnnotation(DeploymentAnnotations.RevisionHistory, oldRevision);
            return;
        }
        var entries = history.Split(',').ToList();
        var total = history.Length + oldRevision.Length + 1;
        while (total > DeploymentAnnotations.MaxRevisionHistoryChars && entries.Count > 0)
        {
            total -= entries[0].Length + 1;
            entries.RemoveAt(0);
        }
        if (total <= DeploymentAnnotations.MaxRevisionHistoryChars) rs.SetAnnotation(DeploymentAnnotations.RevisionHistory, string.Join(',', entries.Append(oldRevision)));
    }

    /// <summary>SetReplicasAnnotations: desired-replicas and max-replicas (replicas + maxSurge); true when either changed.</summary>
    private bool SetReplicasAnnotations(ReplicaSetState rs)
    {
        var desired = Replicas.ToString(CultureInfo.InvariantCulture);
        var max = (Replicas + MaxSurge).ToString(CultureInfo.InvariantCulture);
        var changed = rs.Annotation(DeploymentAnnotations.DesiredReplicas) != desired || rs.Annotation(DeploymentAnnotations.MaxReplicas) != max;
        rs.SetAnnotation(DeploymentAnnotations.DesiredReplicas, desired);
        rs.SetAnnotation(DeploymentAnnotations.MaxReplicas, max);
        return changed;
    }

    /// <summary>NewRSNewReplicas: how far the new ReplicaSet may grow this pass.</summary>
    private int NewReplicaSetReplicas(ReplicaSetState newRs)
    {
        if (!IsRollingUpdate) return Replicas;
        var current = _replicaSets.Sum(rs => rs.Replicas);
        var maxTotal = Replicas + MaxSurge;
        if (current >= maxTotal) return newRs.Replicas;
        var scaleUp = Math.Min(maxTotal - current, Replicas - newRs.Replicas);
        return newRs.Replicas + scaleUp;
    }

    /// <summary>scaleReplicaSetAndRecordEvent: true when the size changed.</summary>
    public bool ScaleAndRecord(ReplicaSetState rs, int newScale) =>
        rs.Replicas != newScale && Scale(rs, newScale, rs.Replicas < newScale ? "up" : "down");

    /// <summary>scaleReplicaSet: writes the size and the replicas annotations; the event names the old size.</summary>
    public bool Scale(ReplicaSetState rs, int newScale, string operation)
    {
        var oldScale = rs.Replicas;
        SetReplicasAnnotations(rs);
        if (oldScale == newScale) return false;
        rs.Replicas = newScale;
        Events.Add(ControllerEvent.Normal("ScalingReplicaSet", $"Scaled {operation} replica set {rs.Name} to {newScale} from {oldScale}"));
        return true;
    }

    /// <summary>cleanupDeployment: deletes the oldest fully scaled-down ReplicaSets beyond revisionHistoryLimit.</summary>
    public void Cleanup()
    {
        if (RevisionHistoryLimit is not { } limit) return;
        var cleanable = OldReplicaSets.Where(rs => !rs.Deleting).ToList();
        var excess = cleanable.Count - limit;
        if (excess <= 0) return;
        cleanable.Sort((a, b) => a.Revision is { } ra && b.Revision is { } rb && ra != rb ? ra.CompareTo(rb) : ReplicaSetState.ByCreation(a, b));
        foreach (var rs in cleanable.Take(excess))
        {
            var observed = (rs.Current.Metadata().Num("generation") ?? 0) <= (rs.Current.Status().Num("observedGeneration") ?? 0);
            if (rs.StatusReplicas != 0 || rs.Replicas != 0 || !observed || rs.IsNew) continue;
            Deleted.Add(rs.Name);
        }
    }

    public static bool SelectsEverything(JsonObject deployment) =>
        deployment.Spec()?["selector"] is JsonObject selector && LabelSelector.FromObject(selector).IsEmpty;
}
