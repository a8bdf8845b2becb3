using ActorOrchestrator.EndToEndTests.Infrastructure;
using k8s;
using k8s.Models;

namespace ActorOrchestrator.EndToEndTests.ControlPlane;

/// <summary>Everything lives in PostgreSQL: stopping every process and starting again loses nothing.</summary>
[Trait("Category", "EndToEnd")]
public sealed class PersistenceTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task ObjectsSurviveAFullRestartWithTheSameUidAndResourceVersion()
    {
        var before = new Dictionary<string, (string Uid, string ResourceVersion)>();
        using (var client = _cluster.Client())
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "durable" } });
            for (var i = 0; i < 5; i++)
            {
                await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
                {
                    Metadata = new V1ObjectMeta { Name = $"keep-{i}", Labels = new Dictionary<string, string> { ["i"] = $"{i}" } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "taodaling/kubia" }] },
                }, "durable");
            }
            await client.CoreV1.PatchNamespacedPodAsync(
                new V1Patch("{\"metadata\":{\"labels\":{\"touched\":\"yes\"}}}", V1Patch.PatchType.MergePatch), "keep-0", "durable");
            // With no node, the scheduler marks each pod unschedulable: wait for that, then take the state to compare.
            var settled = await Eventually.WaitForAsync(() => client.CoreV1.ListNamespacedPodAsync("durable"),
                list => list.Items.Count == 5 && list.Items.All(p => p.Status?.Conditions?.Any(c => c.Type == "PodScheduled") == true),
                TimeSpan.FromSeconds(30), "the scheduler to have looked at every pod");
            foreach (var pod in settled.Items) before[pod.Metadata.Name] = (pod.Metadata.Uid, pod.Metadata.ResourceVersion);
        }

        await _cluster.StopAllAsync();
        _cluster.StartSilo();
        _cluster.StartGateway();
        await _cluster.WaitUntilServingAsync();

        using var again = _cluster.Client();
        var pods = await again.CoreV1.ListNamespacedPodAsync("durable");
        Assert.Equal(before.Keys.Order(), pods.Items.Select(p => p.Metadata.Name).Order());
        foreach (var pod in pods.Items)
        {
            Assert.Equal(before[pod.Metadata.Name], (pod.Metadata.Uid, pod.Metadata.ResourceVersion));
        }
        Assert.Equal("yes", pods.Items.Single(p => p.Metadata.Name == "keep-0").Metadata.Labels["touched"]);
        Assert.True(long.Parse(pods.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture)
            >= before.Values.Max(v => long.Parse(v.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
