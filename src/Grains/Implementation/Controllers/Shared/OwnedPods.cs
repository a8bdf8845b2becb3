using ActorOrchestrator.Api.Selectors;

namespace ActorOrchestrator.Grains.Controllers;

/// <summary>
/// Kubernetes' ControllerRefManager.ClaimPods as a pure split: which pods a controller owns (by uid, never
/// by name), which orphans it should adopt, which of its pods it should release because they no longer
/// match, and which belong to another controller.
/// </summary>
public sealed record OwnedPods(
    IReadOnlyList<PodView> Owned,
    IReadOnlyList<PodView> Adopt,
    IReadOnlyList<PodView> Release,
    IReadOnlyList<PodView> OwnedByOthers)
{
    /// <summary>The pods the controller manages this pass: those it owns and keeps, and those it adopts.</summary>
    public IReadOnlyList<PodView> Claimed => [.. Owned, .. Adopt];

    public static OwnedPods Classify(string controllerUid, LabelSelector selector, bool controllerDeleting, IEnumerable<PodView> pods)
    {
        var claim = Claims.Classify(pods, p => p.ControllerUid, p => p.Labels, p => p.DeletionTimestamp is not null, controllerUid, selector, controllerDeleting);
        return new OwnedPods(claim.Owned, claim.Adopt, claim.Release, claim.OwnedByOthers);
    }
}

/// <summary>The claim rules shared by pods (ReplicaSets, DaemonSets, Jobs) and ReplicaSets (Deployments).</summary>
public static class Claims
{
    public sealed record Result<T>(IReadOnlyList<T> Owned, IReadOnlyList<T> Adopt, IReadOnlyList<T> Release, IReadOnlyList<T> OwnedByOthers);

    /// <summary>
    /// Kubernetes' ClaimObject: an object controlled by us stays ours while the selector matches it, and is
    /// released when it stops matching (unless we are being deleted, when we leave it alone). An orphan that
    /// matches is adopted, unless either side is being deleted. Objects another controller owns are ignored.
    /// </summary>
    public static Result<T> Classify<T>(
        IEnumerable<T> items,
        Func<T, string?> controllerUid,
        Func<T, IReadOnlyDictionary<string, string>> labels,
        Func<T, bool> deleting,
        string ownerUid,
        LabelSelector selector,
        bool ownerDeleting)
    {
        List<T> owned = [], adopt = [], release = [], others = [];
        foreach (var item in items)
        {
            var controller = controllerUid(item);
            var matches = selector.Matches(labels(item));
            if (controller == ownerUid)
            {
                if (matches) owned.Add(item);
                else if (!ownerDeleting) release.Add(item);
            }
            else if (controller is not null)
            {
                others.Add(item);
            }
            else if (matches && !ownerDeleting && !deleting(item))
            {
                adopt.Add(item);
            }
        }
        return new Result<T>(owned, adopt, release, others);
    }
}
