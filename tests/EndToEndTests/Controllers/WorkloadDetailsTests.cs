using System.Text.RegularExpressions;
using ActorOrchestrator.EndToEndTests.Infrastructure;
using k8s;
using k8s.Models;

namespace ActorOrchestrator.EndToEndTests.Controllers;

/// <summary>
/// The controllers' features beyond the notes' walkthrough, as a Kubernetes user meets them through kubectl:
/// validation of templates, the Recreate strategy, paused and restarted rollouts, Job back-off and TTL,
/// suspended CronJobs, and DaemonSet template updates.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class WorkloadDetailsTests(NodeClusterFixture fixture) : IClassFixture<NodeClusterFixture>
{
    private TestCluster Cluster => fixture.Cluster;

    private Kubectl Kubectl => fixture.Cluster.Kubectl;

    [Fact]
    public async Task TemplateLabelsThatMissTheSelectorAreRefused()
    {
        const string ns = "mismatch";
        await Cluster.CreateNamespaceAsync(ns);
        const string rc = """
            apiVersion: v1
            kind: ReplicationController
            metadata: {name: wrong}
            spec:
              replicas: 1
              selector: {app: kubia}
              template:
                metadata: {labels: {app: other}}
                spec:
                  containers: [{name: kubia, image: taodaling/kubia}]
            """;
        var result = await Kubectl.RunAsync(["create", "-n", ns, "-f", "-"], rc, TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("is invalid", result.Error);
        Assert.Contains("spec.template.metadata.labels", result.Error);
        using var client = Cluster.Client();
        Assert.Empty((await client.CoreV1.ListNamespacedReplicationControllerAsync(ns)).Items);
    }

    [Fact]
    public async Task RecreateStopsEveryOldPodBeforeStartingNewOnes()
    {
        const string ns = "recreate";
        await Cluster.CreateNamespaceAsync(ns);
        (await Kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], Deployment("web", "taodaling/kubia", "strategy: {type: Recreate}"), TimeSpan.FromSeconds(60))).EnsureSuccess();
        (await Kubectl.RunAsync(["rollout", "status", "deployment/web", "-n", ns, "--timeout=90s"], null, TimeSpan.FromSeconds(100))).EnsureSuccess();

        (await Kubectl.RunAsync("set", "image", "deployment/web", "kubia=luksa/kubia", "-n", ns)).EnsureSuccess();
        var sawBoth = false;
        using var client = Cluster.Client();
        await Eventually.WaitForAsync(async () =>
        {
            var pods = (await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=web")).Items;
            var images = pods.Select(p => p.Spec.Containers[0].Image).Distinct().ToList();
            sawBoth |= images.Count > 1;
            return pods.Count == 2 && images.SequenceEqual(["luksa/kubia"]) && pods.All(p => p.Status?.Phase == "Running");
        }, TimeSpan.FromSeconds(120), "the new pods, after every old one went");
        Assert.False(sawBoth, "Recreate ran old and new pods at the same time");
    }

    [Fact]
    public async Task APausedRolloutWaitsForResumeAndRestartRollsAgain()
    {
        const string ns = "paused";
        await Cluster.CreateNamespaceAsync(ns);
        (await Kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], Deployment("web", "taodaling/kubia", ""), TimeSpan.FromSeconds(60))).EnsureSuccess();
        (await Kubectl.RunAsync(["rollout", "status", "deployment/web", "-n", ns, "--timeout=90s"], null, TimeSpan.FromSeconds(100))).EnsureSuccess();

        Assert.Contains("deployment.apps/web paused", (await Kubectl.RunAsync("rollout", "pause", "deployment/web", "-n", ns)).EnsureSuccess().Output);
        (await Kubectl.RunAsync("set", "image", "deployment/web", "kubia=luksa/kubia", "-n", ns)).EnsureSuccess();
        await Task.Delay(TimeSpan.FromSeconds(3));
        using var client = Cluster.Client();
        Assert.Single((await client.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items);

        Assert.Contains("deployment.apps/web resumed", (await Kubectl.RunAsync("rollout", "resume", "deployment/web", "-n", ns)).EnsureSuccess().Output);
        (await Kubectl.RunAsync(["rollout", "status", "deployment/web", "-n", ns, "--timeout=120s"], null, TimeSpan.FromSeconds(130))).EnsureSuccess();
        Assert.Equal(2, (await client.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items.Count);

        Assert.Contains("deployment.apps/web restarted", (await Kubectl.RunAsync("rollout", "restart", "deployment/web", "-n", ns)).EnsureSuccess().Output);
        (await Kubectl.RunAsync(["rollout", "status", "deployment/web", "-n", ns, "--timeout=120s"], null, TimeSpan.FromSeconds(130))).EnsureSuccess();
        var history = (await Kubectl.RunAsync("rollout", "history", "deployment/web", "-n", ns)).EnsureSuccess().Output;
        Assert.Matches(@"(?m)^1\s", history);
        Assert.Matches(@"(?m)^2\s", history);
        Assert.Matches(@"(?m)^3\s", history);
        var pods = (await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=web")).Items.Where(p => p.Metadata.DeletionTimestamp is null).ToList();
        Assert.All(pods, p => Assert.True(p.Metadata.Annotations?.ContainsKey("kubectl.kubernetes.io/restartedAt") == true, "restarted pods carry restartedAt"));
    }

    [Fact]
    public async Task AFailingJobStopsAtItsBackoffLimitAndAFinishedJobExpiresAfterItsTtl()
    {
        const string ns = "backoff";
        await Cluster.CreateNamespaceAsync(ns);
        const string jobs = """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: failing}
            spec:
              backoffLimit: 1
              template:
                spec:
                  restartPolicy: Never
                  containers: [{name: main, image: luksa/batch-job, command: ["/bin/sh", "-c", "exit 3"]}]
            ---
            apiVersion: batch/v1
            kind: Job
            metadata: {name: brief}
            spec:
              ttlSecondsAfterFinished: 3
              template:
                spec:
                  restartPolicy: Never
                  containers: [{name: main, image: luksa/batch-job, env: [{name: SLEEP, value: "1"}]}]
            """;
        (await Kubectl.RunAsync(["create", "-n", ns, "-f", "-"], jobs, TimeSpan.FromSeconds(60))).EnsureSuccess();
        using var client = Cluster.Client();
        var failed = await Eventually.WaitForAsync(() => client.BatchV1.ReadNamespacedJobAsync("failing", ns),
            job => job.Status?.Conditions?.Any(c => c.Type == "Failed" && c.Status == "True") == true, TimeSpan.FromSeconds(120), "the job to fail");
        Assert.Equal("BackoffLimitExceeded", failed.Status.Conditions.First(c => c.Type == "Failed").Reason);
        Assert.Equal(2, failed.Status.Failed);
        Assert.Equal(2, (await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "job-name=failing")).Items.Count);

        await Eventually.WaitForAsync(async () => (await client.BatchV1.ListNamespacedJobAsync(ns)).Items.Select(j => j.Metadata.Name).ToList(),
            names => !names.Contains("brief"), TimeSpan.FromSeconds(90), "the finished job to expire");
        await Eventually.WaitForAsync(async () => (await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "job-name=brief")).Items,
            pods => pods.Count == 0, TimeSpan.FromSeconds(60), "the expired job's pod to go with it");
    }

    [Fact]
    public async Task ASuspendedCronJobShowsItAndResumes()
    {
        const string ns = "suspend";
        await Cluster.CreateNamespaceAsync(ns);
        (await Kubectl.RunAsync("create", "cronjob", "nightly", "--image=luksa/batch-job", "--schedule=0 3 * * *", "-n", ns)).EnsureSuccess();
        (await Kubectl.RunAsync("patch", "cronjob", "nightly", "-n", ns, "-p", "{\"spec\":{\"suspend\":true}}")).EnsureSuccess();
        Assert.Matches(@"nightly\s+0 3 \* \* \*\s+<none>\s+True\s+0", (await Kubectl.RunAsync("get", "cj", "-n", ns)).EnsureSuccess().Output);
        (await Kubectl.RunAsync("patch", "cronjob", "nightly", "-n", ns, "-p", "{\"spec\":{\"suspend\":false}}")).EnsureSuccess();
        Assert.Matches(@"nightly\s+0 3 \* \* \*\s+<none>\s+False\s+0", (await Kubectl.RunAsync("get", "cj", "-n", ns)).EnsureSuccess().Output);
    }

    [Fact]
    public async Task ADaemonSetRollsItsPodsToANewTemplate()
    {
        const string ns = "ds-update";
        await Cluster.CreateNamespaceAsync(ns);
        (await Kubectl.RunAsync(["create", "-n", ns, "-f", "-"], TestManifests.AgentDaemonSet, TimeSpan.FromSeconds(60))).EnsureSuccess();
        (await Kubectl.RunAsync(["rollout", "status", "ds/agent", "-n", ns, "--timeout=90s"], null, TimeSpan.FromSeconds(100))).EnsureSuccess();
        (await Kubectl.RunAsync("set", "image", "ds/agent", "main=luksa/kubia", "-n", ns)).EnsureSuccess();
        (await Kubectl.RunAsync(["rollout", "status", "ds/agent", "-n", ns, "--timeout=120s"], null, TimeSpan.FromSeconds(130))).EnsureSuccess();
        using var client = Cluster.Client();
        var pods = await Eventually.WaitForAsync(async () => (await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=agent")).Items,
            items => items.Count == Cluster.Nodes.Count && items.All(p => p.Metadata.DeletionTimestamp is null && p.Status?.Phase == "Running"),
            TimeSpan.FromSeconds(60), "one running pod per node");
        Assert.All(pods, p => Assert.Equal("luksa/kubia", p.Spec.Containers[0].Image));
        Assert.Equal(Cluster.Nodes.Select(n => n.Name).Order(), pods.Select(p => p.Spec.NodeName).Order());
    }

    private static string Deployment(string name, string image, string strategy) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
        spec:
          replicas: 2
          {{strategy}}
          selector:
            matchLabels:
              app: {{name}}
          template:
            metadata:
              labels:
                app: {{name}}
            spec:
              containers:
              - name: kubia
                image: {{image}}
                readinessProbe:
                  httpGet: {path: /, port: 8080}
                  periodSeconds: 1
        """;
}
