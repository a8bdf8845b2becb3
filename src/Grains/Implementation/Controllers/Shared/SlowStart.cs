namespace ActorOrchestrator.Grains.Controllers;

/// <summary>Kubernetes' burst cap and slow-start batching of creates.</summary>
public static class SlowStart
{
    /// <summary>Kubernetes' default --replicaset-burst-replicas (and MaxPodCreateDeletePerSync for Jobs).</summary>
    public const int DefaultBurst = 500;

    /// <summary>SlowStartInitialBatchSize.</summary>
    public const int InitialBatch = 1;

    /// <summary>
    /// The batch sizes slowStartBatch issues <paramref name="count"/> creates in: 1, 2, 4, ... and what is left.
    /// The grain issues a batch concurrently and stops at the first batch with a failure.
    /// </summary>
    public static IReadOnlyList<int> Batches(int count)
    {
        var batches = new List<int>();
        var remaining = count;
        for (var size = Math.Min(remaining, InitialBatch); size > 0; size = Math.Min(2 * size, remaining))
        {
            batches.Add(size);
            remaining -= size;
        }
        return batches;
    }
}
