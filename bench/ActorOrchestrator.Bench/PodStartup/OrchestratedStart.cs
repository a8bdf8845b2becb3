using System.Globalization;
using ActorOrchestrator.Bench.Infrastructure;
using k8s;
using k8s.Models;

namespace ActorOrchestrator.Bench.PodStartup;

/// <summary>
/// Starts N pods through the Gateway, all POSTed at once, and times each from the batch's start to its
/// Ready condition as a watch (opened before the first POST) delivers it. Between batches every pod is
/// deleted and the node's containers are waited away, so batches never overlap.
/// </summary>
public sealed class OrchestratedStart(BenchCluster cluster, DockerEngine docker, CostMeter costs, TimeSpan timeout)
{
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromMinutes(2);

    public async Task<StartRun> RunAsync(int pods, int run, Action<Milestones> onProgress, CancellationToken cancellationToken)
    {
        using var client = cluster.Client();
        var ns = $"startup-{pods}-{run}";
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: cancellationToken);
        var names = Enumerable.Range(0, pods).Select(i => "kubia-" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        var milestones = new Milestones(names);
        StartRun result;
        try
        {
            var listed = await client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: cancellationToken);
            using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // The watch request goes out before the first POST and starts from the list's revision, so no event is
            // missed. (The Gateway sends a watch's headers only with its first event, so there is nothing to await.)
            var watching = WatchAsync(client.CoreV1.WatchListNamespacedPodAsync(ns, resourceVersion: listed.Metadata.ResourceVersion,
                cancellationToken: stopWatching.Token), milestones, onProgress, stopWatching.Token);

            await costs.StartAsync(cancellationToken);
            milestones.Start();
            await Task.WhenAll(names.Select(async name =>
            {
                await client.CoreV1.CreateNamespacedPodAsync(KubiaPod.Build(name), ns, cancellationToken: cancellationToken);
                milestones.Accepted(name);
            }));
            using var waited = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var finished = await Task.WhenAny(milestones.AllReady, watching, Task.Delay(timeout, waited.Token));
            await waited.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
            if (finished != milestones.AllReady)
            {
                var why = finished == watching ? $"the watch ended: {watching.Exception?.GetBaseException().Message ?? "by the Gateway"}" : $"timed out after {timeout.TotalSeconds:F0}s";
                if (cluster.ExitedPrograms() is { Count: > 0 } exited) why += $"; exited: {string.Join(", ", exited)} (killed from outside? logs in {cluster.LogDir})";
                throw new TimeoutException($"{pods} pods were not all Ready ({why}); not ready: {string.Join(", ", milestones.NotReady().Take(10))}");
            }
            var perPod = milestones.Snapshot();
            var spent = await costs.StopAsync(cancellationToken);
            await stopWatching.CancelAsync();
            await watching;
            result = new StartRun(StartMode.Orchestrated, pods, run, milestones.StartedAt, perPod.Max(p => p.Ready), perPod, spent);
        }
        catch
        {
            // The batch's own failure is what matters; a cleanup that fails too must not hide it.
            await CleanUpQuietlyAsync(client, ns, names);
            throw;
        }
        await CleanUpAsync(client, ns, names);
        return result;
    }

    /// <summary>Enumerates at once: the request is sent before this returns its task.</summary>
    private static async Task WatchAsync(IAsyncEnumerable<(WatchEventType, V1Pod)> events, Milestones milestones, Action<Milestones> onProgress, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var (type, pod) in events)
            {
                if (type is not (WatchEventType.Added or WatchEventType.Modified)) continue;
                var name = pod.Metadata.Name;
                if (!string.IsNullOrEmpty(pod.Spec?.NodeName)) milestones.Placed(name);
                if (pod.Status?.ContainerStatuses?.Any(c => c.State?.Running is not null) == true) milestones.Running(name);
                if (pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true) milestones.Ready(name);
                onProgress(milestones);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the run once every pod was ready.
        }
    }

    private async Task CleanUpQuietlyAsync(Kubernetes client, string ns, IReadOnlyList<string> names)
    {
        try
        {
            await CleanUpAsync(client, ns, names);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"cleaning up namespace {ns} failed too: {e.Message}");
        }
    }

    /// <summary>Deletes the batch's pods at once (grace 0) and waits until the API and the node have none left.</summary>
    private async Task CleanUpAsync(Kubernetes client, string ns, IReadOnlyList<string> names)
    {
        using var bounded = new CancellationTokenSource(CleanupTimeout);
        await Task.WhenAll(names.Select(async name =>
        {
            try
            {
                await client.CoreV1.DeleteNamespacedPodAsync(name, ns, gracePeriodSeconds: 0, cancellationToken: bounded.Token);
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // Never created (a failed batch) or gone already.
            }
        }));
        await Deadline.WaitForAsync(async token => (await client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: token)).Items.Count == 0,
            CleanupTimeout, $"the pods of namespace {ns} to be gone", bounded.Token);
        foreach (var node in cluster.NodeNames)
        {
            await Deadline.WaitForAsync(async token => (await docker.ListAsync(DockerEngine.NodeLabel, node, token)).Count == 0,
                CleanupTimeout, $"node {node} to have removed its containers", bounded.Token);
        }
    }
}
