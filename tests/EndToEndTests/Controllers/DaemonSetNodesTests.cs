using ActorOrchestrator.EndToEndTests.Infrastructure;
using k8s;

namespace ActorOrchestrator.EndToEndTests.Controllers;

/// <summary>
/// A DaemonSet follows the set of nodes: it runs on cordoned nodes too (daemons are node infrastructure), a
/// node that joins gets its pod, a node that leaves takes its pod with it.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class DaemonSetNodesTests : IAsyncLifetime
{
    private const string Namespace = "daemons";

    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync(NodeClusterFixture.Options(1));

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task ADaemonSetRunsOnCordonedJoiningNodesAndLeavesRemovedOnes()
    {
        await _cluster.CreateNamespaceAsync(Namespace);
        var first = _cluster.Nodes[0].Name;
        (await _cluster.Kubectl.RunAsync("cordon", first)).EnsureSuccess();
        (await _cluster.Kubectl.RunAsync(["create", "-n", Namespace, "-f", "-"], TestManifests.AgentDaemonSet, TimeSpan.FromSeconds(60))).EnsureSuccess();
        await WaitForDaemonNodesAsync([first], "a daemon pod on the cordoned node");

        var joining = _cluster.AddNode();
        _cluster.StartNodeAgent(joining);
        await _cluster.WaitForNodeReadyAsync(joining.Name);
        await WaitForDaemonNodesAsync([first, joining.Name], "a daemon pod on the node that joined");

        await joining.Process!.StopAsync();
        (await _cluster.Kubectl.RunAsync("delete", "node", joining.Name)).EnsureSuccess();
        await WaitForDaemonNodesAsync([first], "the removed node's daemon pod to go");
    }

    private Task WaitForDaemonNodesAsync(string[] nodes, string what) =>
        Eventually.WaitForAsync(async () =>
        {
            using var client = _cluster.Client();
            var pods = (await client.CoreV1.ListNamespacedPodAsync(Namespace, labelSelector: "app=agent")).Items;
            return pods.Where(p => p.Metadata.DeletionTimestamp is null && p.Status?.Phase == "Running").Select(p => p.Spec.NodeName).Order().ToList()
                is var running && running.SequenceEqual(nodes.Order()) && pods.Count == nodes.Length;
        }, TimeSpan.FromSeconds(120), what);
}
