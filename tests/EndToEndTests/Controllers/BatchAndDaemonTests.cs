using ActorOrchestrator.EndToEndTests.Infrastructure;
using k8s;
using k8s.Models;

namespace ActorOrchestrator.EndToEndTests.Controllers;

/// <summary>
/// The notes' DaemonSet, Job and CronJob sections with their manifests (batch-job shortened with SLEEP),
/// plus deadlines, parallelism and Deployments' rolling updates.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class BatchAndDaemonTests(NodeClusterFixture fixture) : IClassFixture<NodeClusterFixture>
{
    private TestCluster Cluster => fixture.Cluster;

    private Kubectl Kubectl => fixture.Cluster.Kubectl;

    [Fact]
    public async Task TheDaemonSetFollowsTheSsdLabelBothWays()
    {
        const string ns = "daemons";
        await Cluster.CreateNamespaceAsync(ns);
        var node = Cluster.Nodes[0].Name;
        Assert.Contains("daemonset.apps/ssd-monitor created", (await Kubectl.RunAsync("create", "-f", RepositoryPaths.Seed("ssh-monitor.yml"), "-n", ns)).EnsureSuccess().Output);
        Assert.Matches(@"ssd-monitor\s+0\s+0\s+0\s+0\s+0\s+dist=ssd", (await Kubectl.RunAsync("get", "ds", "-n", ns)).EnsureSuccess().Output);

        (await Kubectl.RunAsync("label", "nodes", node, "dist=ssd")).EnsureSuccess();
        await Eventually.WaitForAsync(async () => (await Kubectl.RunAsync("get", "ds", "-n", ns)).Output,
            text => System.Text.RegularExpressions.Regex.IsMatch(text, @"ssd-monitor\s+1\s+1\s+1\s+1\s+1\s+dist=ssd"), TimeSpan.FromSeconds(90), "one ready daemon pod");
        using (var client = Cluster.Client())
        {
            var pod = Assert.Single((await client.CoreV1.ListNamespacedPodAsync(ns)).Items);
            Assert.Equal(node, pod.Spec.NodeName);
        }

        (await Kubectl.RunAsync("label", "nodes", node, "dist=hdd", "--overwrite")).EnsureSuccess();
        await Eventually.WaitForAsync(async () => (await Kubectl.RunAsync("get", "ds", "-n", ns)).Output,
            text => System.Text.RegularExpressions.Regex.IsMatch(text, @"ssd-monitor\s+0\s+0\s+0\s+0\s+0\s+dist=ssd"), TimeSpan.FromSeconds(60), "no daemon pod");
        await Eventually.WaitForAsync(async () =>
        {
            using var client = Cluster.Client();
            return (await client.CoreV1.ListNamespacedPodAsync(ns)).Items.Count == 0;
        }, TimeSpan.FromSeconds(60), "the daemon pod to go");
        (await Kubectl.RunAsync("label", "nodes", node, "dist-")).EnsureSuccess();
    }

    [Fact]
    public async Task AJobRunsItsPodToCompletionAndKeepsItForLogs()
    {
        const string ns = "job";
        await Cluster.CreateNamespaceAsync(ns);
        (await Kubectl.RunAsync(["create", "-n", ns, "-f", "-"], Shortened(await File.ReadAllTextAsync(RepositoryPaths.Seed("exporter.yml")), 3), TimeSpan.FromSeconds(60))).EnsureSuccess();
        await Eventually.WaitForAsync(async () => (await Kubectl.RunAsync("get", "jobs", "-n", ns)).Output,
            text => System.Text.RegularExpressions.Regex.IsMatch(text, @"batch-job\s+Complete\s+1/1"), TimeSpan.FromSeconds(90), "the job to complete");
        var pods = (await Kubectl.RunAsync("get", "pods", "-n", ns)).EnsureSuccess().Output;
        Assert.Matches(@"batch-job-\w+\s+0/1\s+Completed\s+0", pods);
        var name = System.Text.RegularExpressions.Regex.Match(pods, @"batch-job-\w+").Value;
        var logs = (await Kubectl.RunAsync("logs", name, "-n", ns)).EnsureSuccess().Output;
        Assert.Contains("Batch job starting", logs);
        Assert.Contains("Finished succesfully", logs);
        var described = (await Kubectl.RunAsync("describe", "job", "batch-job", "-n", ns)).EnsureSuccess().Output;
        Assert.Matches(@"Pods Statuses:\s+0 Active .* 1 Succeeded / 0 Failed", described);
        Assert.Contains("SuccessfulCreate", described);
        Assert.Contains("Completed", described);
    }

    [Fact]
    public async Task AJobRunsAtMostParallelismPodsUntilItsCompletions()
    {
        const string ns = "parallel";
        await Cluster.CreateNamespaceAsync(ns);
        (await Kubectl.RunAsync(["create", "-n", ns, "-f", "-"], Shortened(await File.ReadAllTextAsync(RepositoryPaths.Seed("batch-job-more.yml")), 4), TimeSpan.FromSeconds(60))).EnsureSuccess();
        var mostActive = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(180);
        V1Job job;
        do
        {
            using var client = Cluster.Client();
            job = await client.BatchV1.ReadNamespacedJobAsync("batch-job-more", ns);
            var active = (await client.CoreV1.ListNamespacedPodAsync(ns)).Items
                .Count(p => p.Status?.Phase is "Pending" or "Running" && p.Metadata.DeletionTimestamp is null);
            mostActive = Math.Max(mostActive, active);
            await Task.Delay(200);
        }
        while (job.Status?.Succeeded != 5 && DateTime.UtcNow < deadline);
        Assert.Equal(5, job.Status?.Succeeded);
        Assert.InRange(mostActive, 1, 3);
        Assert.Matches(@"batch-job-more\s+Complete\s+5/5", (await Kubectl.RunAsync("get", "job", "batch-job-more", "-n", ns)).EnsureSuccess().Output);
    }

    [Fact]
    public async Task ScalingAJobChangesItsParallelism()
    {
        const string ns = "scalejob";
        await Cluster.CreateNamespaceAsync(ns);
        (await Kubectl.RunAsync(["create", "-n", ns, "-f", "-"], Shortened(await File.ReadAllTextAsync(RepositoryPaths.Seed("batch-job-more.yml")), 30), TimeSpan.FromSeconds(60))).EnsureSuccess();
        var scaled = await Kubectl.RunAsync("scale", "job", "batch-job-more", "--replicas", "1", "-n", ns);
        Assert.Contains("job.batch/batch-job-more scaled", scaled.EnsureSuccess().Output);
        using var client = Cluster.Client();
        Assert.Equal(1, (await client.BatchV1.ReadNamespacedJobAsync("batch-job-more", ns)).Spec.Parallelism);
    }

    [Fact]
    public async Task ActiveDeadlineSecondsFailsAStuckJob()
    {
        const string ns = "deadline";
        await Cluster.CreateNamespaceAsync(ns);
        const string job = """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: stuck
            spec:
              activeDeadlineSeconds: 5
              template:
                spec:
                  restartPolicy: OnFailure
                  containers:
                  - name: main
                    image: luksa/batch-job
                    env:
                    - name: SLEEP
                      value: "600"
            """;
        (await Kubectl.RunAsync(["create", "-n", ns, "-f", "-"], job, TimeSpan.FromSeconds(60))).EnsureSuccess();
        var failed = await Eventually.WaitForAsync(async () =>
        {
            using var client = Cluster.Client();
            return await client.BatchV1.ReadNamespacedJobAsync("stuck", ns);
        }, j => j.Status?.Conditions?.Any(c => c.Type == "Failed" && c.Status == "True") == true, TimeSpan.FromSeconds(60), "the job to fail");
        Assert.Equal("DeadlineExceeded", failed.Status.Conditions.Single(c => c.Type == "Failed").Reason);
        await Eventually.WaitForAsync(async () =>
        {
            using var client = Cluster.Client();
            return (await client.CoreV1.ListNamespacedPodAsync(ns)).Items.All(p => p.Status?.Phase is not ("Running" or "Pending"));
        }, TimeSpan.FromSeconds(60), "its pod to be stopped");
    }

    [Fact]
    public async Task ACronJobCreatesJobsOnSchedule()
    {
        const string ns = "cron";
        await Cluster.CreateNamespaceAsync(ns);
        Assert.Contains("cronjob.batch/batch-job-every-fifteen-minutes created",
            (await Kubectl.RunAsync("create", "-f", RepositoryPaths.Seed("cronjob.yml"), "-n", ns)).EnsureSuccess().Output);
        Assert.Matches(@"batch-job-every-fifteen-minutes\s+0,15,30,45 \* \* \* \*\s+<none>\s+False\s+0\s+<none>",
            (await Kubectl.RunAsync("get", "cj", "-n", ns)).EnsureSuccess().Output);

        var everyMinute = Shortened(await File.ReadAllTextAsync(RepositoryPaths.Seed("cronjob.yml")), 1, indent: "            ")
            .Replace("batch-job-every-fifteen-minutes", "every-minute", StringComparison.Ordinal)
            .Replace("\"0,15,30,45 * * * *\"", "\"* * * * *\"", StringComparison.Ordinal);
        (await Kubectl.RunAsync(["create", "-n", ns, "-f", "-"], everyMinute, TimeSpan.FromSeconds(60))).EnsureSuccess();
        var jobs = await Eventually.WaitForAsync(async () =>
        {
            using var client = Cluster.Client();
            return (await client.BatchV1.ListNamespacedJobAsync(ns)).Items;
        }, items => items.Any(j => j.Metadata.Name.StartsWith("every-minute-", StringComparison.Ordinal) && j.Status?.Succeeded == 1),
            TimeSpan.FromSeconds(150), "a scheduled job to run to completion");
        var scheduled = jobs.First(j => j.Metadata.Name.StartsWith("every-minute-", StringComparison.Ordinal));
        Assert.Equal("every-minute", scheduled.Metadata.OwnerReferences.Single().Name);
        Assert.Matches(@"every-minute\s+\* \* \* \* \*\s+<none>\s+False\s+\d+\s+\d+s",
            (await Kubectl.RunAsync("get", "cj", "every-minute", "-n", ns)).EnsureSuccess().Output);
        Assert.Contains("job.batch/by-hand created", (await Kubectl.RunAsync("create", "job", "by-hand", "--from=cronjob/every-minute", "-n", ns)).EnsureSuccess().Output);
    }

    [Fact]
    public async Task ADeploymentRollsWithinMaxUnavailableAndRollsBack()
    {
        const string ns = "rollout";
        await Cluster.CreateNamespaceAsync(ns);
        const string deployment = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 3
              strategy:
                rollingUpdate: {maxSurge: 1, maxUnavailable: 1}
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: kubia
                    image: taodaling/kubia
                    readinessProbe:
                      httpGet: {path: /, port: 8080}
                      periodSeconds: 1
            """;
        (await Kubectl.RunAsync(["create", "-n", ns, "-f", "-"], deployment, TimeSpan.FromSeconds(60))).EnsureSuccess();
        (await Kubectl.RunAsync(["rollout", "status", "deployment/web", "-n", ns, "--timeout=120s"], null, TimeSpan.FromSeconds(150))).EnsureSuccess();

        var fewestReady = int.MaxValue;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                using var client = Cluster.Client();
                var ready = (await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=web")).Items
                    .Count(p => p.Metadata.DeletionTimestamp is null && p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true);
                fewestReady = Math.Min(fewestReady, ready);
                await Task.Delay(100);
            }
        });
        (await Kubectl.RunAsync("set", "image", "deployment/web", "kubia=luksa/kubia", "-n", ns)).EnsureSuccess();
        (await Kubectl.RunAsync(["rollout", "status", "deployment/web", "-n", ns, "--timeout=120s"], null, TimeSpan.FromSeconds(150))).EnsureSuccess();
        await sampling.CancelAsync();
        await sampler;
        Assert.True(fewestReady >= 2, $"ready pods dropped to {fewestReady}, below replicas - maxUnavailable");

        var history = (await Kubectl.RunAsync("rollout", "history", "deployment/web", "-n", ns)).EnsureSuccess().Output;
        Assert.Matches(@"\n1\s+<none>", history);
        Assert.Matches(@"\n2\s+<none>", history);
        (await Kubectl.RunAsync("rollout", "undo", "deployment/web", "-n", ns)).EnsureSuccess();
        (await Kubectl.RunAsync(["rollout", "status", "deployment/web", "-n", ns, "--timeout=120s"], null, TimeSpan.FromSeconds(150))).EnsureSuccess();
        using var check = Cluster.Client();
        var rolledBack = await check.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        Assert.Equal("taodaling/kubia", rolledBack.Spec.Template.Spec.Containers[0].Image);
        var pods = (await check.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=web")).Items.Where(p => p.Metadata.DeletionTimestamp is null).ToList();
        Assert.Equal(3, pods.Count);
        Assert.All(pods, p => Assert.Equal("taodaling/kubia", p.Spec.Containers[0].Image));
    }

    /// <summary>The notes' batch-job sleeps 120 s; give its container a shorter SLEEP, as the notes allow.</summary>
    private static string Shortened(string manifest, int seconds, string indent = "        ") =>
        manifest.Replace("image: luksa/batch-job", $"image: luksa/batch-job\n{indent}env:\n{indent}- name: SLEEP\n{indent}  value: \"{seconds}\"", StringComparison.Ordinal);
}
