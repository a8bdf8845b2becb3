namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>When a pod worker's next pass should run: the earliest time any hook asked for.</summary>
internal sealed class WakeSchedule(DateTimeOffset resyncAt)
{
    public DateTimeOffset Earliest { get; private set; } = resyncAt;

    /// <summary>Something changed: run another pass at once (requeue) rather than at the next resync.</summary>
    public bool Again { get; private set; }

    public void At(DateTimeOffset time)
    {
        if (time < Earliest)
        {
            Earliest = time;
        }
    }

    public void Requeue() => Again = true;
}
