using System.Globalization;
using ActorOrchestrator.Api.Objects;

namespace ActorOrchestrator.Grains.Controllers;

internal sealed partial class DeploymentPass
{
    /// <summary>
    /// isScalingEvent: some active ReplicaSet was sized for a different <c>spec.replicas</c> than the
    /// Deployment has now (its desired-replicas annotation says so).
    /// </summary>
    public bool IsScalingEvent() =>
        _replicaSets.Where(rs => rs.Replicas > 0).Any(rs =>
            int.TryParse(rs.Annotation(DeploymentAnnotations.DesiredReplicas), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var desired) && desired != Replicas);

    /// <summary>
    /// scale: the only active ReplicaSet takes the whole count; a saturated new ReplicaSet retires the old
    /// ones; otherwise a rolling Deployment spreads the change over its active ReplicaSets in proportion to
    /// their sizes, so that scaling in the middle of a rollout neither hastens nor reverses it.
    /// </summary>
    public void ScaleProportionally()
    {
        if (FindActiveOrLatest() is { } only)
        {
            if (only.Replicas != Replicas) ScaleAndRecord(only, Replicas);
            return;
        }
        if (IsSaturated(NewReplicaSet))
        {
            foreach (var old in OldReplicaSets.Where(rs => rs.Replicas > 0)) ScaleAndRecord(old, 0);
            return;
        }
        if (!IsRollingUpdate) return;

        var active = OldReplicaSets.Append(NewReplicaSet).OfType<ReplicaSetState>().Where(rs => rs.Replicas > 0).ToList();
        var allowed = Replicas > 0 ? Replicas + MaxSurge : 0;
        var toAdd = allowed - active.Sum(rs => rs.Replicas);
        var operation = "";
        if (toAdd > 0)
        {
            active.Sort((a, b) => a.Replicas != b.Replicas ? b.Replicas.CompareTo(a.Replicas) : ReplicaSetState.ByCreation(b, a));
            operation = "up";
        }
        else if (toAdd < 0)
        {
            active.Sort((a, b) => a.Replicas != b.Replicas ? b.Replicas.CompareTo(a.Replicas) : ReplicaSetState.ByCreation(a, b));
            operation = "down";
        }

        var added = 0;
        var sizes = new Dictionary<ReplicaSetState, int>();
        foreach (var rs in active)
        {
            var proportion = toAdd == 0 ? 0 : Proportion(rs, toAdd, added);
            sizes[rs] = rs.Replicas + proportion;
            added += proportion;
        }
        for (var i = 0; i < active.Count; i++)
        {
            var rs = active[i];
            if (i == 0 && toAdd != 0) sizes[rs] = Math.Max(0, sizes[rs] + toAdd - added);
            Scale(rs, sizes[rs], operation);
        }
    }

    private ReplicaSetState? FindActiveOrLatest()
    {
        if (NewReplicaSet is null && OldReplicaSets.Count == 0) return null;
        var newestFirst = OldReplicaSets.OrderByDescending(rs => rs, Comparer<ReplicaSetState>.Create(ReplicaSetState.ByCreation)).ToList();
        var active = newestFirst.Append(NewReplicaSet).OfType<ReplicaSetState>().Where(rs => rs.Replicas > 0).ToList();
        return active.Count switch
        {
            0 => NewReplicaSet ?? newestFirst[0],
            1 => active[0],
            _ => null,
        };
    }

    /// <summary>IsSaturated: the new ReplicaSet has, wants and makes available every replica.</summary>
    private bool IsSaturated(ReplicaSetState? rs) =>
        rs is not null &&
        int.TryParse(rs.Annotation(DeploymentAnnotations.DesiredReplicas), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var desired) &&
        rs.Replicas == Replicas && desired == Replicas && rs.AvailableReplicas == Replicas;

    /// <summary>GetProportion: this ReplicaSet's share of the change, bounded by what is left to hand out.</summary>
    private int Proportion(ReplicaSetState rs, int toAdd, int added)
    {
        if (rs.Replicas == 0 || toAdd == 0 || toAdd == added) return 0;
        var fraction = Fraction(rs);
        var allowed = toAdd - added;
        return toAdd > 0 ? Math.Min(fraction, allowed) : Math.Max(fraction, allowed);
    }

    /// <summary>getReplicaSetFraction: scale by (replicas + maxSurge) over the max-replicas it was sized for.</summary>
    private int Fraction(ReplicaSetState rs)
    {
        if (Replicas == 0) return -rs.Replicas;
        var deploymentReplicas = Replicas + MaxSurge;
        var annotated = int.TryParse(rs.Annotation(DeploymentAnnotations.MaxReplicas), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var max)
            ? max
            : (int)(OldStatus.Num("replicas") ?? 0);
        if (annotated == 0) return 0;
        var newSize = (double)rs.Replicas * deploymentReplicas / annotated;
        return (int)Math.Round(newSize, MidpointRounding.AwayFromZero) - rs.Replicas;
    }
}
