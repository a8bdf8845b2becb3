namespace ActorOrchestrator.Grains.Controllers;

internal sealed partial class DeploymentPass
{
    /// <summary>
    /// rolloutRolling: grow the new ReplicaSet within replicas + maxSurge; if it did not grow, shrink old
    /// ones within replicas - maxUnavailable available pods; clean up old revisions once complete.
    /// </summary>
    public string RollOutRolling()
    {
        FindReplicaSets(createIfMissing: true);
        if (NewReplicaSet is not { } newRs) return "waiting for a free ReplicaSet name (hash collision)";
        if (ReconcileNewReplicaSet(newRs)) return $"scaled new replica set {newRs.Name} to {newRs.Replicas}";
        if (ReconcileOldReplicaSets(newRs)) return $"scaled down old replica sets to {OldReplicaSets.Sum(rs => rs.Replicas)} replicas";
        if (IsComplete(OldStatus)) Cleanup();
        return IsComplete(OldStatus) ? "rollout complete" : "waiting for pods of the new replica set to become available";
    }

    /// <summary>
    /// rolloutRecreate: scale every old ReplicaSet to zero, wait until none of their pods runs, then create
    /// and scale up the new one.
    /// </summary>
    public string RollOutRecreate(IReadOnlyDictionary<string, IReadOnlyList<PodView>> podsByReplicaSet)
    {
        FindReplicaSets(createIfMissing: false);
        var scaledDown = false;
        foreach (var old in OldReplicaSets.Where(rs => rs.Replicas > 0).ToList()) scaledDown |= ScaleAndRecord(old, 0);
        if (scaledDown) return "scaled old replica sets to zero";
        if (OldPodsRunning(podsByReplicaSet)) return "waiting for old pods to stop";
        if (NewReplicaSet is null) FindReplicaSets(createIfMissing: true);
        if (NewReplicaSet is not { } newRs) return "waiting for a free ReplicaSet name (hash collision)";
        ScaleAndRecord(newRs, Replicas);
        if (IsComplete(OldStatus)) Cleanup();
        return $"new replica set {newRs.Name} at {newRs.Replicas}";
    }

    private bool ReconcileNewReplicaSet(ReplicaSetState newRs)
    {
        if (newRs.Replicas == Replicas) return false;
        if (newRs.Replicas > Replicas) return ScaleAndRecord(newRs, Replicas);
        return ScaleAndRecord(newRs, NewReplicaSetReplicas(newRs));
    }

    private bool ReconcileOldReplicaSets(ReplicaSetState newRs)
    {
        var oldActive = OldReplicaSets.Where(rs => rs.Replicas > 0).ToList();
        if (oldActive.Sum(rs => rs.Replicas) == 0) return false;
        var allPods = _replicaSets.Sum(rs => rs.Replicas);
        var minAvailable = Replicas - MaxUnavailable;
        var newUnavailable = newRs.Replicas - newRs.AvailableReplicas;
        var maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) return false;

        var cleaned = CleanupUnhealthyReplicas(oldActive, maxScaledDown);
        var scaled = ScaleDownOldReplicaSets(oldActive);
        return cleaned + scaled > 0;
    }

    /// <summary>cleanupUnhealthyReplicas: drop old replicas that are not available first; that costs no availability.</summary>
    private int CleanupUnhealthyReplicas(List<ReplicaSetState> oldActive, int maxCleanup)
    {
        oldActive.Sort(ReplicaSetState.ByCreation);
        var total = 0;
        foreach (var rs in oldActive)
        {
            if (total >= maxCleanup) break;
            if (rs.Replicas == 0 || rs.Replicas == rs.AvailableReplicas) continue;
            var count = Math.Min(maxCleanup - total, rs.Replicas - rs.AvailableReplicas);
            ScaleAndRecord(rs, rs.Replicas - count);
            total += count;
        }
        return total;
    }

    /// <summary>scaleDownOldReplicaSetsForRollingUpdate: retire available old replicas above replicas - maxUnavailable.</summary>
    private int ScaleDownOldReplicaSets(List<ReplicaSetState> oldActive)
    {
        var minAvailable = Replicas - MaxUnavailable;
        var available = _replicaSets.Sum(rs => rs.AvailableReplicas);
        if (available <= minAvailable) return 0;
        oldActive.Sort(ReplicaSetState.ByCreation);
        var total = 0;
        var target = available - minAvailable;
        foreach (var rs in oldActive)
        {
            if (total >= target) break;
            if (rs.Replicas == 0) continue;
            var count = Math.Min(rs.Replicas, target - total);
            ScaleAndRecord(rs, rs.Replicas - count);
            total += count;
        }
        return total;
    }

    /// <summary>oldPodsRunning: any old ReplicaSet still reports pods, or any of its pods is not terminal.</summary>
    private bool OldPodsRunning(IReadOnlyDictionary<string, IReadOnlyList<PodView>> podsByReplicaSet)
    {
        if (OldReplicaSets.Sum(rs => rs.StatusReplicas) > 0) return true;
        return podsByReplicaSet
            .Where(entry => _replicaSets.Any(rs => rs.Uid == entry.Key) && (NewReplicaSet is null || entry.Key != NewReplicaSet.Uid))
            .Any(entry => entry.Value.Any(p => !p.IsTerminal));
    }
}
