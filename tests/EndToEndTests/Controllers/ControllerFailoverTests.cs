using ActorOrchestrator.EndToEndTests.Infrastructure;
using k8s;
using k8s.Models;

namespace ActorOrchestrator.EndToEndTests.Controllers;

/// <summary>
/// A controller's silo dies in the middle of its work: its grain resumes on the surviving silo and ends
/// with exactly the pods it should have, none missing and none twice. Nodes are simulated (the fake
/// runtime) so that the test is about the control plane, not container start times.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ControllerFailoverTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync(new TestClusterOptions
    {
        Silos = 1,
        Nodes = 2,
        NodeArguments = ["--runtime", "fake"],
    });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task KillingTheSiloOfAReplicaSetWhileItScalesTo20EndsWithExactly20Pods()
    {
        const string manifest = """
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: scaler
            spec:
              replicas: 0
              selector:
                matchLabels: {app: scaler}
              template:
                metadata:
                  labels: {app: scaler}
                spec:
                  containers:
                  - name: main
                    image: taodaling/kubia
            """;
        (await _cluster.Kubectl.RunAsync(["create", "-f", "-"], manifest, TimeSpan.FromSeconds(60))).EnsureSuccess();
        await Eventually.WaitForAsync(async () =>
        {
            using var client = _cluster.Client();
            var rs = await client.AppsV1.ReadNamespacedReplicaSetAsync("scaler", "default");
            return rs.Status?.ObservedGeneration >= 1;
        }, TimeSpan.FromSeconds(30), "the ReplicaSet's first pass (its grain now lives on the first silo)");

        // A second silo joins; the ReplicaSet's grain stays where it was activated, on the first.
        var survivor = _cluster.StartSilo();
        await Task.Delay(TimeSpan.FromSeconds(5));

        (await _cluster.Kubectl.RunAsync("scale", "rs", "scaler", "--replicas=20")).EnsureSuccess();
        _cluster.Silos[0].Kill();

        await Eventually.WaitForAsync(() => CountAsync(), n => n == 20, TimeSpan.FromSeconds(150), "20 pods after the failover");
        // And it stays 20: no late duplicate from the old activation or a resent create.
        for (var i = 0; i < 10; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.Equal(20, await CountAsync());
        }
        Assert.False(survivor.HasExited);
    }

    private async Task<int> CountAsync()
    {
        using var client = _cluster.Client();
        var pods = await client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=scaler");
        return pods.Items.Count(p => p.Metadata.DeletionTimestamp is null);
    }
}
