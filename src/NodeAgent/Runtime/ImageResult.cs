namespace ActorOrchestrator.NodeAgent.Runtime;

/// <summary>Kubernetes <c>imagePullPolicy</c>.</summary>
public enum ImagePullPolicy
{
    Always,
    IfNotPresent,
    Never,
}

public enum ImageStatus
{
    /// <summary>Already on the node; no pull was attempted.</summary>
    Present,

    /// <summary>Pulled from a registry just now.</summary>
    PulledFresh,

    /// <summary>The pull failed but a local copy exists and may be used; worth a Warning event.</summary>
    PullFailedButPresent,

    /// <summary>Not on the node and not pullable: the container cannot be created.</summary>
    Missing,
}

/// <summary>The outcome of <see cref="IContainerRuntime.EnsureImageAsync"/>.</summary>
/// <param name="Reason">Why a pull failed (the engine's message), for events; null when nothing failed.</param>
public sealed record ImageResult(string Image, ImageStatus Status, string? Reason = null)
{
    /// <summary>A container can be created from this image.</summary>
    public bool IsUsable => Status != ImageStatus.Missing;

    /// <summary>
    /// The kubelet's waiting reason for a missing image: <c>ErrImageNeverPull</c> when policy Never
    /// forbade the pull, <c>ErrImagePull</c> otherwise; null when the image is usable.
    /// </summary>
    public string? WaitingReason { get; init; }

    public static ImageResult Present(string image) => new(image, ImageStatus.Present);

    public static ImageResult PulledFresh(string image) => new(image, ImageStatus.PulledFresh);

    public static ImageResult PullFailedButPresent(string image, string reason) =>
        new(image, ImageStatus.PullFailedButPresent, reason);

    public static ImageResult Missing(string image, string reason, bool neverPull = false) =>
        new(image, ImageStatus.Missing, reason) { WaitingReason = neverPull ? "ErrImageNeverPull" : "ErrImagePull" };
}
