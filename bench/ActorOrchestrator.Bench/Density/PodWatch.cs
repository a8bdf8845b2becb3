using System.Diagnostics;
using k8s;
using k8s.Models;

namespace ActorOrchestrator.Bench.Density;

/// <summary>
/// Pod startup as the Kubernetes SLI sees it: for each pod of the namespace, when a watch first saw it
/// (created) and first saw it Running, in seconds since <see cref="Start"/>. The watch starts from a list's
/// revision, so no pod is missed; it is restarted from the last revision seen if the Gateway ends it.
/// </summary>
public sealed class PodWatch(Kubernetes client, string ns)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (double Created, double Running)> _pods = [];
    private long _start;
    private int _running;

    public int Created { get { lock (_gate) return _pods.Count; } }

    public int Running => Volatile.Read(ref _running);

    public void Start() => _start = Stopwatch.GetTimestamp();

    public double Now => Stopwatch.GetElapsedTime(_start).TotalSeconds;

    public IReadOnlyList<(string Name, double Created, double Running)> Snapshot()
    {
        lock (_gate) return [.. _pods.Select(p => (p.Key, p.Value.Created, p.Value.Running))];
    }

    public async Task RunAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        var from = resourceVersion;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var (type, pod) in client.CoreV1.WatchListNamespacedPodAsync(ns, resourceVersion: from, cancellationToken: cancellationToken))
                {
                    from = pod.Metadata.ResourceVersion ?? from;
                    if (type is WatchEventType.Added or WatchEventType.Modified) Observe(pod);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or k8s.Autorest.HttpOperationException)
            {
                // The Gateway ended the watch (or a proxy did): go on from the last revision.
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    private void Observe(V1Pod pod)
    {
        var now = Now;
        var running = pod.Status?.Phase == "Running";
        lock (_gate)
        {
            if (!_pods.TryGetValue(pod.Metadata.Name, out var seen)) seen = (now, double.NaN);
            if (running && double.IsNaN(seen.Running))
            {
                seen.Running = now;
                _running++;
            }
            _pods[pod.Metadata.Name] = seen;
        }
    }
}
