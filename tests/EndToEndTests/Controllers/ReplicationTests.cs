using ActorOrchestrator.EndToEndTests.Infrastructure;
using k8s;
using k8s.Models;

namespace ActorOrchestrator.EndToEndTests.Controllers;

/// <summary>
/// The notes' ReplicationController and ReplicaSet walkthrough with their own manifests: replicas appear,
/// a deleted pod is replaced, a relabelled pod is released and replaced, scale and edit change the count,
/// orphans left by <c>--cascade=false</c> are adopted by the ReplicaSet.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ReplicationTests(NodeClusterFixture fixture) : IClassFixture<NodeClusterFixture>
{
    private TestCluster Cluster => fixture.Cluster;

    private Kubectl Kubectl => fixture.Cluster.Kubectl;

    [Fact]
    public async Task TheNotesReplicationControllerThenReplicaSetWalkthrough()
    {
        const string ns = "replication";
        await Cluster.CreateNamespaceAsync(ns);
        (await Kubectl.RunAsync("create", "-f", RepositoryPaths.Seed("kubia-rc.yml"), "-n", ns)).EnsureSuccess();
        var first = await RunningPodsAsync(ns, "app=kubia", 3);

        (await Kubectl.RunAsync("delete", "pod", first[0], "-n", ns)).EnsureSuccess();
        var replaced = await RunningPodsAsync(ns, "app=kubia", 3);
        Assert.DoesNotContain(first[0], replaced);

        (await Kubectl.RunAsync("label", "pod", replaced[0], "app=foo", "--overwrite", "-n", ns)).EnsureSuccess();
        await RunningPodsAsync(ns, "app=kubia", 3);
        using (var client = Cluster.Client())
        {
            var released = await client.CoreV1.ReadNamespacedPodAsync(replaced[0], ns);
            Assert.True(released.Metadata.OwnerReferences is null or { Count: 0 }, "a relabelled pod is released by its controller");
            Assert.Equal("Running", released.Status.Phase);
        }

        Assert.Contains("replicationcontroller/kubia scaled", (await Kubectl.RunAsync("scale", "rc", "kubia", "--replicas=5", "-n", ns)).EnsureSuccess().Output);
        await RunningPodsAsync(ns, "app=kubia", 5);
        var rc = (await Kubectl.RunAsync("get", "rc", "kubia", "-n", ns)).EnsureSuccess().Output;
        Assert.Matches(@"kubia\s+5\s+5\s+5", rc);

        var edited = await Kubectl.RunAsync(["edit", "rc", "kubia", "-n", ns], null, TimeSpan.FromSeconds(60),
            new Dictionary<string, string> { ["KUBE_EDITOR"] = "sed -i s/replicas:\\ 5/replicas:\\ 4/" });
        Assert.Contains("replicationcontroller/kubia edited", edited.EnsureSuccess().Output);
        await RunningPodsAsync(ns, "app=kubia", 4);

        var orphaned = (await Kubectl.RunAsync("delete", "rc", "kubia", "--cascade=false", "-n", ns)).EnsureSuccess();
        Assert.Contains("replicationcontroller \"kubia\" deleted", orphaned.Output);
        var orphans = await RunningPodsAsync(ns, "app=kubia", 4);

        (await Kubectl.RunAsync("create", "-f", RepositoryPaths.Seed("kubia-replicaset.yml"), "-n", ns)).EnsureSuccess();
        var adopted = await RunningPodsAsync(ns, "app=kubia", 3);
        Assert.All(adopted, name => Assert.Contains(name, orphans));
        using (var client = Cluster.Client())
        {
            var rs = await client.AppsV1.ReadNamespacedReplicaSetAsync("kubia", ns);
            var pods = await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=kubia");
            Assert.All(pods.Items, p => Assert.Equal(rs.Metadata.Uid, p.Metadata.OwnerReferences.Single().Uid));
        }
        var replicaSets = (await Kubectl.RunAsync("get", "rs", "-n", ns)).EnsureSuccess().Output;
        Assert.Matches(@"kubia\s+3\s+3\s+3", replicaSets);
        var described = (await Kubectl.RunAsync("describe", "rs", "kubia", "-n", ns)).EnsureSuccess().Output;
        Assert.Matches(@"Pods Status:\s+3 Running", described);
        Assert.Contains("SuccessfulDelete", described);

        Assert.Contains("replicaset.apps \"kubia\" deleted", (await Kubectl.RunAsync(["delete", "rs", "kubia", "-n", ns], null, TimeSpan.FromSeconds(90))).EnsureSuccess().Output);
        await Eventually.WaitForAsync(async () =>
        {
            using var client = Cluster.Client();
            return (await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=kubia")).Items.Count == 0;
        }, TimeSpan.FromSeconds(60), "the ReplicaSet's pods to be deleted with it");
    }

    [Fact]
    public async Task AReplicaSetWithMatchExpressionsManagesItsPods()
    {
        const string ns = "expressions";
        await Cluster.CreateNamespaceAsync(ns);
        (await Kubectl.RunAsync("create", "-f", RepositoryPaths.Seed("kubia-replicaset-matchexpressions.yml"), "-n", ns)).EnsureSuccess();
        await RunningPodsAsync(ns, "app in (kubia)", 3);
        var wide = (await Kubectl.RunAsync("get", "rs", "kubia", "-o", "wide", "-n", ns)).EnsureSuccess().Output;
        Assert.Contains("app in (kubia)", wide);
    }

    [Fact]
    public async Task ForegroundDeletionWaitsForThePods()
    {
        const string ns = "foreground";
        await Cluster.CreateNamespaceAsync(ns);
        (await Kubectl.RunAsync("create", "-f", RepositoryPaths.Seed("kubia-rc.yml"), "-n", ns)).EnsureSuccess();
        await RunningPodsAsync(ns, "app=kubia", 3);
        (await Kubectl.RunAsync(["delete", "rc", "kubia", "--cascade=foreground", "-n", ns], null, TimeSpan.FromSeconds(120))).EnsureSuccess();
        using var client = Cluster.Client();
        Assert.Empty((await client.CoreV1.ListNamespacedPodAsync(ns)).Items);
        Assert.Empty((await client.CoreV1.ListNamespacedReplicationControllerAsync(ns)).Items);
    }

    [Fact]
    public async Task GetAllShowsEveryControllerAndDeleteAllLeavesNothing()
    {
        const string ns = "everything";
        await Cluster.CreateNamespaceAsync(ns);
        (await Kubectl.RunAsync("create", "-f", RepositoryPaths.Seed("kubia-rc.yml"), "-n", ns)).EnsureSuccess();
        (await Kubectl.RunAsync("create", "-f", RepositoryPaths.Seed("ssh-monitor.yml"), "-n", ns)).EnsureSuccess();
        (await Kubectl.RunAsync("create", "deployment", "web", "--image=taodaling/kubia", "-n", ns)).EnsureSuccess();
        (await Kubectl.RunAsync("create", "job", "long", "--image=luksa/batch-job", "-n", ns)).EnsureSuccess();
        (await Kubectl.RunAsync("create", "cronjob", "nightly", "--image=luksa/batch-job", "--schedule=0 3 * * *", "-n", ns)).EnsureSuccess();
        await RunningPodsAsync(ns, "job-name=long", 1);

        var all = (await Kubectl.RunAsync("get", "all", "-n", ns)).EnsureSuccess().Output;
        foreach (var shown in new[] { "replicationcontroller/kubia", "daemonset.apps/ssd-monitor", "deployment.apps/web", "job.batch/long", "cronjob.batch/nightly" })
        {
            Assert.Contains(shown, all);
        }
        Assert.Matches(@"replicaset\.apps/web-[a-z0-9]+\s+1\s+1", all);
        Assert.Matches(@"pod/long-[a-z0-9]{5}\s+1/1\s+Running", all);

        // The running Job's pod carries the Job's tracking finalizer: deleting the Job must still let it go.
        (await Kubectl.RunAsync(["delete", "all", "--all", "-n", ns], null, TimeSpan.FromSeconds(120))).EnsureSuccess();
        await Eventually.WaitForAsync(async () => (await Kubectl.RunAsync("get", "all", "-n", ns)).EnsureSuccess(),
            result => result.Output.Trim().Length == 0 && result.Error.Contains("No resources found", StringComparison.Ordinal),
            TimeSpan.FromSeconds(90), "nothing left in the namespace");
    }

    [Fact]
    public async Task AJobDeletedInTheForegroundWaitsForItsRunningPodAndThenGoes()
    {
        const string ns = "job-foreground";
        await Cluster.CreateNamespaceAsync(ns);
        (await Kubectl.RunAsync("create", "job", "long", "--image=luksa/batch-job", "-n", ns)).EnsureSuccess();
        await RunningPodsAsync(ns, "job-name=long", 1);
        (await Kubectl.RunAsync(["delete", "job", "long", "--cascade=foreground", "-n", ns], null, TimeSpan.FromSeconds(120))).EnsureSuccess();
        using var client = Cluster.Client();
        Assert.Empty((await client.CoreV1.ListNamespacedPodAsync(ns)).Items);
        Assert.Empty((await client.BatchV1.ListNamespacedJobAsync(ns)).Items);
    }

    private async Task<IReadOnlyList<string>> RunningPodsAsync(string ns, string selector, int count)
    {
        var pods = await Eventually.WaitForAsync(async () =>
        {
            using var client = Cluster.Client();
            return (await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: selector)).Items;
        }, items => items.Count(p => p.Metadata.DeletionTimestamp is null) == count
                    && items.Where(p => p.Metadata.DeletionTimestamp is null).All(p => p.Status?.Phase == "Running"),
            TimeSpan.FromSeconds(90), $"{count} running pods for {selector} in {ns}");
        return pods.Where(p => p.Metadata.DeletionTimestamp is null).Select(p => p.Metadata.Name).ToList();
    }
}
