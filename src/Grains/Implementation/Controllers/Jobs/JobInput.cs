using System.Text.Json.Nodes;

namespace ActorOrchestrator.Grains.Controllers;

/// <summary>What one Job pass sees.</summary>
/// <param name="Pods">The pods of the namespace matching the Job's selector or naming it as controller, in any phase.</param>
/// <param name="Backoff">The failed-pod back-off (Kubernetes' code: 10 s doubling to 10 min; its docs say 6 min).</param>
public sealed record JobInput(JsonObject Job, IReadOnlyList<PodView> Pods, Expectations Expectations, DateTimeOffset Now, JobBackoff? Backoff = null);

/// <summary>Delay before replacing a failed pod: Initial·2^(failures since the last success − 1), capped at Max.</summary>
public sealed record JobBackoff(TimeSpan Initial, TimeSpan Max)
{
    public static JobBackoff Kubernetes { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10));

    public TimeSpan For(int failuresSinceLastSuccess)
    {
        if (failuresSinceLastSuccess <= 0) return TimeSpan.Zero;
        var delay = Initial;
        for (var i = 1; i < failuresSinceLastSuccess && delay < Max; i++) delay *= 2;
        return delay < Max ? delay : Max;
    }
}

/// <summary>What the grain does for one Job pass: adopt/release, delete, create, write status, then remove finalizers.</summary>
/// <param name="PodTemplate">The pod to create, carrying the <c>batch.kubernetes.io/job-tracking</c> finalizer.</param>
/// <param name="RemoveFinalizer">Finished (or doomed) pods whose tracking finalizer goes once <see cref="Status"/> (listing them as uncounted) is written.</param>
/// <param name="DeleteAt">When <c>ttlSecondsAfterFinished</c> lets the finished Job be deleted (propagation Foreground).</param>
/// <param name="NextWake">The next moment something is due: a back-off ending, the active deadline, the TTL.</param>
public sealed record JobPlan(
    int CreateCount,
    IReadOnlyList<int> CreateBatches,
    JsonObject PodTemplate,
    IReadOnlyList<PodView> ToDelete,
    IReadOnlyList<PodView> RemoveFinalizer,
    IReadOnlyList<PodView> ToAdopt,
    IReadOnlyList<PodView> ToRelease,
    JsonObject Status,
    bool StatusChanged,
    Expectations Expectations,
    DateTimeOffset? NextWake,
    DateTimeOffset? DeleteAt,
    IReadOnlyList<ControllerEvent> Events,
    string Why);
