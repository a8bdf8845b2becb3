using ActorOrchestrator.EndToEndTests.Infrastructure;
using k8s;
using k8s.Models;

namespace ActorOrchestrator.EndToEndTests.Nodes;

/// <summary>
/// What happens to pods when nodes go away or are taken out of service: agents that crash re-adopt
/// their containers, silent nodes become NotReady and lose their pods, cordon and drain work.
/// Each test gets a cluster of its own: they stop and kill agents.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class NodeFailureTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    private Kubectl Kubectl => _cluster.Kubectl;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync(NodeClusterFixture.Options(2));

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task AKilledAgentLeavesItsContainersRunningAndAdoptsThemWhenItReturns()
    {
        (await Kubectl.RunAsync("run", "survivor", "--image=taodaling/kubia")).EnsureSuccess();
        var before = await _cluster.ForRunningAsync("default", "survivor");
        var node = _cluster.Nodes.Single(n => n.Name == before.Spec.NodeName);

        node.Process!.Kill();
        var containerId = before.Status.ContainerStatuses[0].ContainerID.Replace("docker://", "", StringComparison.Ordinal);
        Assert.Contains(containerId, await Docker.ContainersOfNodeAsync(node.Name));

        _cluster.StartNodeAgent(node);
        await _cluster.WaitForNodeReadyAsync(node.Name);
        // Give the returning agent time to resync, then check it changed nothing.
        await Task.Delay(TimeSpan.FromSeconds(12));
        var after = await _cluster.ForRunningAsync("default", "survivor");
        Assert.Equal(before.Status.ContainerStatuses[0].ContainerID, after.Status.ContainerStatuses[0].ContainerID);
        Assert.Equal(0, after.Status.ContainerStatuses[0].RestartCount);
        Assert.Single(await Docker.ContainersOfNodeAsync(node.Name), id => id == containerId);
    }

    [Fact]
    public async Task ASilentNodeBecomesNotReadyAndItsPodsAreRemovedAfterTheirToleration()
    {
        (await Kubectl.RunAsync("run", "stranded", "--image=taodaling/kubia")).EnsureSuccess();
        var pod = await _cluster.ForRunningAsync("default", "stranded");
        var node = _cluster.Nodes.Single(n => n.Name == pod.Spec.NodeName);

        await node.Process!.StopAsync();
        await Eventually.WaitForAsync(async () => (await Kubectl.RunAsync("get", "node", node.Name)).Output,
            text => text.Contains("NotReady", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "the node to turn NotReady");
        using (var client = _cluster.Client())
        {
            var silent = await client.CoreV1.ReadNodeAsync(node.Name);
            Assert.Contains(silent.Spec.Taints, t => t.Key == "node.kubernetes.io/unreachable" && t.Effect == "NoExecute");
        }
        await _cluster.ForGoneAsync("default", "stranded", TimeSpan.FromSeconds(90));

        // When the agent comes back it stops the containers of the pod that is no longer its own.
        _cluster.StartNodeAgent(node);
        await _cluster.WaitForNodeReadyAsync(node.Name);
        await Eventually.WaitForAsync(async () => (await Docker.ContainersOfNodeAsync(node.Name)).Count == 0,
            TimeSpan.FromSeconds(60), "the returning agent to remove the stranded pod's containers");
    }

    [Fact]
    public async Task CordonedNodesGetNoNewPodsAndDrainEvictsThem()
    {
        await _cluster.CreateNamespaceAsync("cordon");
        var (first, second) = (_cluster.Nodes[0].Name, _cluster.Nodes[1].Name);
        Assert.Contains($"node/{first} cordoned", (await Kubectl.RunAsync("cordon", first)).EnsureSuccess().Output);
        Assert.Contains("SchedulingDisabled", (await Kubectl.RunAsync("get", "node", first)).EnsureSuccess().Output);
        for (var i = 0; i < 3; i++) (await Kubectl.RunAsync("run", $"c{i}", "--image=taodaling/kubia", "-n", "cordon")).EnsureSuccess();
        for (var i = 0; i < 3; i++) Assert.Equal(second, (await _cluster.ForRunningAsync("cordon", $"c{i}")).Spec.NodeName);

        Assert.Contains($"node/{first} uncordoned", (await Kubectl.RunAsync("uncordon", first)).EnsureSuccess().Output);
        var drained = await Kubectl.RunAsync(["drain", second, "--force", "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=120s"], null, TimeSpan.FromSeconds(150));
        Assert.Contains($"node/{second} drained", drained.EnsureSuccess().Output);
        using var client = _cluster.Client();
        var left = await client.CoreV1.ListNamespacedPodAsync("cordon");
        Assert.Empty(left.Items);
        (await Kubectl.RunAsync("uncordon", second)).EnsureSuccess();
    }
}
