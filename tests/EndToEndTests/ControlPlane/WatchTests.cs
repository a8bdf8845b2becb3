using ActorOrchestrator.EndToEndTests.Infrastructure;
using k8s;
using k8s.Models;

namespace ActorOrchestrator.EndToEndTests.ControlPlane;

/// <summary>Watches through the Gateway: kubectl's <c>get -w</c>, and a client watch that survives a Gateway restart.</summary>
[Trait("Category", "EndToEnd")]
public sealed class WatchTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task KubectlGetWatchPrintsChangesAsTheyHappen()
    {
        var kubectl = fixture.Cluster.Kubectl;
        (await kubectl.RunAsync("create", "namespace", "watched")).EnsureSuccess();
        using var watch = kubectl.Stream("get", "pods", "-w", "-n", "watched");
        (await kubectl.RunAsync("create", "-f", RepositoryPaths.Seed("kubia-manual.yml"), "-n", "watched")).EnsureSuccess();
        await watch.WaitForLineAsync(l => l.StartsWith("kubia-manual", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the new pod");

        (await kubectl.RunAsync("delete", "pod", "kubia-manual", "-n", "watched")).EnsureSuccess();
        await Eventually.WaitForAsync(() => Task.FromResult(watch.Lines.Count(l => l.StartsWith("kubia-manual", StringComparison.Ordinal)) >= 2),
            TimeSpan.FromSeconds(30), "a second line for the deleted pod: " + string.Join(" | ", watch.Lines));
        Assert.False(watch.HasExited, "kubectl get -w must keep running while the stream is open");
    }

    [Fact]
    public async Task ClientWatchResumesAfterGatewayRestartWithoutLossOrRepeat()
    {
        var cluster = fixture.Cluster;
        const string ns = "watch-resume";
        using (var setup = cluster.Client())
        {
            await setup.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        }
        var seen = new List<(WatchEventType Type, string Name, long Revision)>();

        using var client = cluster.Client();
        var list = await client.CoreV1.ListNamespacedPodAsync(ns);
        var lastRevision = list.Metadata.ResourceVersion;

        using (var cut = new CancellationTokenSource())
        {
            var watching = CollectAsync(client, ns, lastRevision, seen, cut.Token);
            for (var i = 0; i < 5; i++) await CreatePodAsync(client, ns, $"p{i}");
            await Eventually.WaitForAsync(() => Task.FromResult(Added(seen) >= 5), TimeSpan.FromSeconds(30), "five ADDED events");

            // The Gateway goes away with the stream open; the client sees the stream end.
            await cluster.Gateways[0].StopAsync();
            await Task.WhenAny(watching, Task.Delay(TimeSpan.FromSeconds(30)));
            await cut.CancelAsync();
        }
        cluster.StartGateway();
        await cluster.WaitUntilServingAsync();

        lock (seen) lastRevision = seen[^1].Revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var again = cluster.Client();
        for (var i = 5; i < 10; i++) await CreatePodAsync(again, ns, $"p{i}");

        using var resumed = new CancellationTokenSource();
        var resumedWatch = CollectAsync(again, ns, lastRevision, seen, resumed.Token);
        await Eventually.WaitForAsync(() => Task.FromResult(Added(seen) >= 10), TimeSpan.FromSeconds(30), "ten ADDED events in all");
        await Task.Delay(TimeSpan.FromSeconds(1)); // a duplicate, if any were sent, would arrive by now
        await resumed.CancelAsync();

        lock (seen)
        {
            // Pods also change after creation (the scheduler marks them), so MODIFIED events may be interleaved.
            Assert.Equal(Enumerable.Range(0, 10).Select(i => $"p{i}"), seen.Where(e => e.Type == WatchEventType.Added).Select(e => e.Name));
            Assert.True(seen.Zip(seen.Skip(1)).All(pair => pair.First.Revision < pair.Second.Revision),
                "every event exactly once, in revision order: " + string.Join(", ", seen.Select(e => $"{e.Type} {e.Name} {e.Revision}")));
        }
    }

    private static int Added(List<(WatchEventType Type, string, long)> seen)
    {
        lock (seen) return seen.Count(e => e.Type == WatchEventType.Added);
    }

    private static async Task CollectAsync(k8s.Kubernetes client, string ns, string fromRevision,
        List<(WatchEventType, string, long)> seen, CancellationToken cancellationToken)
    {
        try
        {
            var events = client.CoreV1.WatchListNamespacedPodAsync(ns, resourceVersion: fromRevision, cancellationToken: cancellationToken);
            await foreach (var (type, pod) in events)
            {
                lock (seen) seen.Add((type, pod.Metadata.Name, long.Parse(pod.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
        {
            // The stream was cut: the caller resumes from the last revision it saw.
        }
    }

    private static Task<V1Pod> CreatePodAsync(k8s.Kubernetes client, string ns, string name) =>
        client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "taodaling/kubia" }] },
        }, ns);
}
