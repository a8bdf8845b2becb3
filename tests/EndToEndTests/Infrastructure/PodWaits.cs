using k8s;
using k8s.Models;

namespace ActorOrchestrator.EndToEndTests.Infrastructure;

/// <summary>Waits on pods through the official client.</summary>
public static class PodWaits
{
    public static Task<V1Pod> ForPodAsync(this TestCluster cluster, string ns, string name, Func<V1Pod, bool> condition, string what, TimeSpan? timeout = null) =>
        Eventually.WaitForAsync(async () =>
        {
            using var client = cluster.Client();
            return await client.CoreV1.ReadNamespacedPodAsync(name, ns);
        }, condition, timeout ?? TimeSpan.FromSeconds(90), $"pod {ns}/{name} {what}");

    public static Task<V1Pod> ForRunningAsync(this TestCluster cluster, string ns, string name, TimeSpan? timeout = null) =>
        cluster.ForPodAsync(ns, name, p => p.Status?.Phase == "Running" && p.Status.ContainerStatuses?.All(c => c.Ready) == true,
            "to be Running and ready", timeout);

    public static Task ForGoneAsync(this TestCluster cluster, string ns, string name, TimeSpan? timeout = null) =>
        Eventually.WaitForAsync(async () =>
        {
            using var client = cluster.Client();
            var pods = await client.CoreV1.ListNamespacedPodAsync(ns, fieldSelector: $"metadata.name={name}");
            return pods.Items.Count == 0;
        }, timeout ?? TimeSpan.FromSeconds(90), $"pod {ns}/{name} to be gone");

    public static async Task CreateNamespaceAsync(this TestCluster cluster, string name) =>
        (await cluster.Kubectl.RunAsync("create", "namespace", name)).EnsureSuccess();
}
