using ActorOrchestrator.EndToEndTests.Infrastructure;
using k8s;
using k8s.Models;

namespace ActorOrchestrator.EndToEndTests.Nodes;

/// <summary>
/// Hollow nodes (the real node agent on the fake runtime, many in one process) stand in for a cluster's
/// nodes: they register, beat, get pods scheduled and run them to Running, as real nodes do.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class HollowNodeTests : IAsyncLifetime
{
    private TestCluster? _cluster;

    private TestCluster Cluster => _cluster ?? throw new InvalidOperationException("the cluster did not start");

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task TwentyHollowNodesRunAReplicaSetOfAHundredPods()
    {
        var nodes = await Cluster.AddHollowNodesAsync(20);
        const string ns = "hollow";
        await Cluster.CreateNamespaceAsync(ns);
        using var client = Cluster.Client();
        await client.AppsV1.CreateNamespacedReplicaSetAsync(new V1ReplicaSet
        {
            Metadata = new V1ObjectMeta { Name = "kubia" },
            Spec = new V1ReplicaSetSpec
            {
                Replicas = 100,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "kubia" } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "kubia" } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "kubia", Image = "taodaling/kubia", Ports = [new V1ContainerPort { ContainerPort = 8080 }] }] },
                },
            },
        }, ns);

        var pods = await Eventually.WaitForAsync(async () => (await client.CoreV1.ListNamespacedPodAsync(ns)).Items,
            items => items.Count == 100 && items.All(p => p.Status?.Phase == "Running"), TimeSpan.FromSeconds(180), "100 Running pods");

        Assert.All(pods, p => Assert.Contains(p.Spec.NodeName, nodes));
        Assert.All(pods, p => Assert.False(string.IsNullOrEmpty(p.Status.PodIP)));
        Assert.Equal(100, pods.Select(p => p.Status.PodIP).Distinct().Count());
        // The scheduler spreads one owner's pods: every hollow node runs some of them.
        Assert.Equal(20, pods.Select(p => p.Spec.NodeName).Distinct().Count());
        var rs = await client.AppsV1.ReadNamespacedReplicaSetAsync("kubia", ns);
        await Eventually.WaitForAsync(async () => (await client.AppsV1.ReadNamespacedReplicaSetAsync("kubia", ns)).Status?.ReadyReplicas ?? 0,
            ready => ready == 100, TimeSpan.FromSeconds(60), "the ReplicaSet to count 100 ready replicas");
        Assert.Equal(100, rs.Spec.Replicas);
    }
}
