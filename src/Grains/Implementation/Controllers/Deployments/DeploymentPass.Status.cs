using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;

namespace ActorOrchestrator.Grains.Controllers;

internal sealed partial class DeploymentPass
{
    /// <summary>
    /// calculateStatus: counts come from the ReplicaSets' observed status (their controller counts pods);
    /// Available is true while at least replicas - maxUnavailable pods are available.
    /// </summary>
    public void CalculateStatus(long generation)
    {
        var all = _replicaSets.Where(rs => !rs.IsNew).ToList();
        var available = all.Sum(rs => rs.AvailableReplicas);
        var total = _replicaSets.Sum(rs => rs.OriginalReplicas);
        var status = new JsonObject();
        SetCount(status, "observedGeneration", generation);
        SetCount(status, "replicas", all.Sum(rs => rs.StatusReplicas));
        SetCount(status, "updatedReplicas", NewReplicaSet is { IsNew: false } updated ? updated.StatusReplicas : 0);
        SetCount(status, "readyReplicas", all.Sum(rs => rs.ReadyReplicas));
        SetCount(status, "availableReplicas", available);
        SetCount(status, "unavailableReplicas", Math.Max(0, total - available));
        if (Status["conditions"] is JsonArray conditions) status["conditions"] = conditions.DeepClone();
        if (Status["collisionCount"] is JsonNode collisions) status["collisionCount"] = collisions.DeepClone();
        Status = status;
        if (available >= Replicas - MaxUnavailable) SetCondition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.");
        else SetCondition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.");
    }

    /// <summary>
    /// syncRolloutStatus: the Progressing condition says whether the rollout completed, is making progress,
    /// or has made none for progressDeadlineSeconds; ReplicaSet failures surface as ReplicaFailure.
    /// </summary>
    public void SyncRolloutStatus()
    {
        var deadline = ProgressDeadlineSeconds;
        if (deadline is null) StatusConditions.Remove(Status, "Progressing");
        var current = StatusConditions.Find(OldStatus, "Progressing");
        var completed = Num(Status, "replicas") == Num(Status, "updatedReplicas") && current?.Text("reason") == "NewReplicaSetAvailable";
        if (deadline is not null && !completed)
        {
            var subject = NewReplicaSet is { } rs ? $"ReplicaSet \"{rs.Name}\"" : $"Deployment \"{Name}\"";
            if (IsComplete(Status))
            {
                SetCondition("Progressing", "True", "NewReplicaSetAvailable", $"{subject} has successfully progressed.");
            }
            else if (IsProgressing())
            {
                var condition = MakeCondition("Progressing", "True", "ReplicaSetUpdated", $"{subject} is progressing.");
                if (current?.Text("status") == "True" && current["lastTransitionTime"] is JsonNode since) condition["lastTransitionTime"] = since.DeepClone();
                StatusConditions.Put(Status, condition);
            }
            else if (TimedOut(deadline.Value))
            {
                SetCondition("Progressing", "False", "ProgressDeadlineExceeded", $"{subject} has timed out progressing.");
            }
        }

        var failure = (NewReplicaSet is { } newRs ? [newRs] : Array.Empty<ReplicaSetState>()).Concat(_replicaSets)
            .Select(rs => StatusConditions.Find(rs.Current.Status(), ReplicaSetDecision.ReplicaFailure))
            .FirstOrDefault(c => c is not null);
        if (failure is null)
        {
            StatusConditions.Remove(Status, ReplicaSetDecision.ReplicaFailure);
        }
        else
        {
            var condition = (JsonObject)failure.DeepClone();
            condition["lastUpdateTime"] = failure["lastTransitionTime"]?.DeepClone();
            PutCondition(condition);
        }
    }

    /// <summary>checkPausedConditions: pausing and resuming are recorded so a long pause does not look like a stall.</summary>
    public void CheckPausedConditions(bool paused)
    {
        if (ProgressDeadlineSeconds is null) return;
        var current = StatusConditions.Find(Status, "Progressing");
        if (current?.Text("reason") == "ProgressDeadlineExceeded") return;
        var pausedRecorded = current?.Text("reason") == "DeploymentPaused";
        if (paused && !pausedRecorded) SetCondition("Progressing", "Unknown", "DeploymentPaused", "Deployment is paused");
        else if (!paused && pausedRecorded) SetCondition("Progressing", "Unknown", "DeploymentResumed", "Deployment is resumed");
    }

    /// <summary>requeueStuckDeployment: when the progress deadline of an unfinished rollout runs out.</summary>
    public DateTimeOffset? ProgressCheckAt()
    {
        var condition = StatusConditions.Find(Status, "Progressing");
        if (ProgressDeadlineSeconds is not { } deadline || condition is null) return null;
        if (IsComplete(Status) || condition.Text("reason") is "ProgressDeadlineExceeded" or "NewReplicaSetAvailable") return null;
        return condition.Time("lastUpdateTime")?.AddSeconds(deadline + 1);
    }

    /// <summary>DeploymentComplete: every replica updated and available, and no old one left.</summary>
    public bool IsComplete(JsonObject status) =>
        Num(status, "updatedReplicas") == Replicas && Num(status, "replicas") == Replicas && Num(status, "availableReplicas") == Replicas &&
        Num(status, "observedGeneration") >= _deployment.Generation();

    private bool IsProgressing()
    {
        var oldOld = Num(OldStatus, "replicas") - Num(OldStatus, "updatedReplicas");
        var newOld = Num(Status, "replicas") - Num(Status, "updatedReplicas");
        return Num(Status, "updatedReplicas") > Num(OldStatus, "updatedReplicas") || newOld < oldOld ||
            Num(Status, "readyReplicas") > Num(OldStatus, "readyReplicas") || Num(Status, "availableReplicas") > Num(OldStatus, "availableReplicas");
    }

    private bool TimedOut(int deadline)
    {
        var condition = StatusConditions.Find(Status, "Progressing");
        if (condition is null || condition.Text("reason") == "NewReplicaSetAvailable") return false;
        if (condition.Text("reason") == "ProgressDeadlineExceeded") return true;
        return condition.Time("lastUpdateTime") is { } from && from.AddSeconds(deadline) < _now;
    }

    /// <summary>SetDeploymentCondition: no change for the same status and reason; lastTransitionTime kept for the same status.</summary>
    private void SetCondition(string type, string status, string reason, string message) => PutCondition(MakeCondition(type, status, reason, message));

    private void PutCondition(JsonObject condition)
    {
        var current = StatusConditions.Find(Status, condition.Text("type"));
        if (current is not null && current.Text("status") == condition.Text("status") && current.Text("reason") == condition.Text("reason")) return;
        if (current is not null && current.Text("status") == condition.Text("status") && current["lastTransitionTime"] is JsonNode since)
        {
            condition["lastTransitionTime"] = since.DeepClone();
        }
        StatusConditions.Put(Status, condition);
    }

    private JsonObject MakeCondition(string type, string status, string reason, string message) =>
        StatusConditions.Make(type, status, reason, message, _now, "lastUpdateTime", "lastTransitionTime");

    private static long Num(JsonObject status, string field) => status.Num(field) ?? 0;

    private static void SetCount(JsonObject status, string field, long value) => ReplicaSetDecision.SetCount(status, field, value);
}
