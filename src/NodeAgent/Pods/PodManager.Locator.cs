using ActorOrchestrator.NodeAgent.Streaming;

namespace ActorOrchestrator.NodeAgent.Pods;

public sealed partial class PodManager
{
    public ContainerLocation? Find(string ns, string pod, string? container, bool previous)
    {
        if (SnapshotOf(ns, pod) is not { } snapshot)
        {
            return null;
        }
        var found = container is null ? (snapshot.Containers.Count > 0 ? snapshot.Containers[0] : null) : snapshot.Containers.FirstOrDefault(c => c.Name == container);
        if (found is null)
        {
            return null;
        }
        return previous
            ? found.PreviousId is { } previousId ? new ContainerLocation(previousId, found.Name, found.PreviousRunning) : null
            : found.CurrentId is { } currentId ? new ContainerLocation(currentId, found.Name, found.CurrentRunning) : null;
    }

    public string? PodIp(string ns, string pod) => SnapshotOf(ns, pod)?.PodIp;

    private PodSnapshot? SnapshotOf(string ns, string pod)
    {
        lock (_gate)
        {
            return _uidByName.TryGetValue((ns, pod), out var uid) && _workers.TryGetValue(uid, out var worker) ? worker.Snapshot : null;
        }
    }
}
