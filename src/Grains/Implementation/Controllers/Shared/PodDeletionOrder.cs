namespace ActorOrchestrator.Grains.Controllers;

/// <summary>
/// The order in which Kubernetes deletes surplus pods, least useful first: unassigned before assigned;
/// Pending before Unknown before Running; not ready before ready; lower pod-deletion-cost first; more
/// sibling pods on the same node first; ready for less time first; more container restarts first; newer
/// first. <see cref="Ranked"/> is ReplicaSet's ActivePodsWithRanks (with the LogarithmicScaleDown and
/// PodDeletionCost gates on, as they are by default); <see cref="Plain"/> is controller.ActivePods, which
/// the Job controller sorts by.
/// </summary>
public static class PodDeletionOrder
{
    /// <summary>
    /// Sorts <paramref name="pods"/> for deletion as a ReplicaSet does. <paramref name="relatedPods"/> are the
    /// active pods of every ReplicaSet sharing this one's owner (Kubernetes' getIndirectlyRelatedPods); a
    /// pod's rank is how many of them share its node.
    /// </summary>
    public static IReadOnlyList<PodView> Ranked(IEnumerable<PodView> pods, IEnumerable<PodView> relatedPods, DateTimeOffset now)
    {
        var perNode = relatedPods.Where(p => p.IsActive).GroupBy(p => p.NodeName).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var ranked = pods.Select(p => (Pod: p, Rank: perNode.GetValueOrDefault(p.NodeName))).ToList();
        ranked.Sort((a, b) => Compare(a.Pod, a.Rank, b.Pod, b.Rank, now));
        return ranked.Select(r => r.Pod).ToList();
    }

    public static IReadOnlyList<PodView> Plain(IEnumerable<PodView> pods)
    {
        var list = pods.ToList();
        list.Sort(ComparePlain);
        return list;
    }

    private static int Compare(PodView a, int rankA, PodView b, int rankB, DateTimeOffset now)
    {
        var common = CompareState(a, b);
        if (common != 0) return common;
        if (a.DeletionCost != b.DeletionCost) return a.DeletionCost.CompareTo(b.DeletionCost);
        if (rankA != rankB) return rankB.CompareTo(rankA);
        if (a.Ready && b.Ready && a.ReadySince != b.ReadySince)
        {
            var byReady = CompareTimesLogarithmically(a.ReadySince, b.ReadySince, a, b, now);
            if (byReady != 0) return byReady;
        }
        if (a.MaxRestartCount != b.MaxRestartCount) return b.MaxRestartCount.CompareTo(a.MaxRestartCount);
        if (a.CreationTimestamp != b.CreationTimestamp)
        {
            var byAge = CompareTimesLogarithmically(a.CreationTimestamp, b.CreationTimestamp, a, b, now);
            if (byAge != 0) return byAge;
        }
        return string.CompareOrdinal(a.Name, b.Name);
    }

    private static int ComparePlain(PodView a, PodView b)
    {
        var common = CompareState(a, b);
        if (common != 0) return common;
        if (a.Ready && b.Ready && a.ReadySince != b.ReadySince) return LaterOrZeroFirst(a.ReadySince, b.ReadySince);
        if (a.MaxRestartCount != b.MaxRestartCount) return b.MaxRestartCount.CompareTo(a.MaxRestartCount);
        if (a.CreationTimestamp != b.CreationTimestamp) return LaterOrZeroFirst(a.CreationTimestamp, b.CreationTimestamp);
        return string.CompareOrdinal(a.Name, b.Name);
    }

    /// <summary>Rules 1-3, shared by both orders.</summary>
    private static int CompareState(PodView a, PodView b)
    {
        var aUnassigned = a.NodeName.Length == 0;
        var bUnassigned = b.NodeName.Length == 0;
        if (a.NodeName != b.NodeName && (aUnassigned || bUnassigned)) return aUnassigned ? -1 : 1;
        var phase = PhaseOrdinal(a.Phase).CompareTo(PhaseOrdinal(b.Phase));
        if (phase != 0) return phase;
        if (a.Ready != b.Ready) return a.Ready ? 1 : -1;
        return 0;
    }

    private static int PhaseOrdinal(string phase) => phase switch
    {
        PodView.Unknown => 1,
        PodView.Running => 2,
        _ => 0,
    };

    /// <summary>
    /// Kubernetes compares ages on a log2 scale so that pods of about the same age are picked at random
    /// (by uid) rather than always the newest; a missing time sorts first.
    /// </summary>
    private static int CompareTimesLogarithmically(DateTimeOffset? a, DateTimeOffset? b, PodView podA, PodView podB, DateTimeOffset now)
    {
        if (a is null || b is null) return LaterOrZeroFirst(a, b);
        var rankDiff = LogRank(now - a.Value) - LogRank(now - b.Value);
        if (rankDiff == 0) return string.CompareOrdinal(podA.Uid, podB.Uid);
        return rankDiff < 0 ? -1 : 1;
    }

    private static long LogRank(TimeSpan age) => age.Ticks > 0 ? (long)Math.Log2(age.Ticks * 100.0) : -1;

    /// <summary>Kubernetes' afterOrZero: a missing time first, else the later time first.</summary>
    private static int LaterOrZeroFirst(DateTimeOffset? a, DateTimeOffset? b)
    {
        if (a is null || b is null) return a is null ? (b is null ? 0 : -1) : 1;
        return b.Value.CompareTo(a.Value);
    }
}
