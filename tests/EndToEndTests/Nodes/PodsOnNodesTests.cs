using System.Diagnostics;
using ActorOrchestrator.EndToEndTests.Infrastructure;
using k8s;
using k8s.Models;

namespace ActorOrchestrator.EndToEndTests.Nodes;

/// <summary>
/// Pods really run: the notes' <c>kubectl run</c>, manifests, nodeSelector, liveness probes, logs,
/// exec, graceful deletion and cordoning, on two node agents running real Docker containers.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class PodsOnNodesTests(NodeClusterFixture fixture) : IClassFixture<NodeClusterFixture>
{
    private TestCluster Cluster => fixture.Cluster;

    private Kubectl Kubectl => fixture.Cluster.Kubectl;

    [Fact]
    public async Task KubectlRunGivesARunningPodWhoseLogsShowTheServerStarting()
    {
        await Cluster.CreateNamespaceAsync("run");
        Assert.Contains("pod/kubia created", (await Kubectl.RunAsync("run", "kubia", "--image=taodaling/kubia", "--port=8080", "-n", "run")).EnsureSuccess().Output);
        var pod = await Cluster.ForRunningAsync("run", "kubia");

        await Eventually.WaitForAsync(async () => (await Kubectl.RunAsync("logs", "kubia", "-n", "run")).Output,
            logs => logs.Contains("Kubia server starting...", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the server's first log line");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        Assert.Equal("You've hit kubia\n", await http.GetStringAsync($"http://{pod.Status.PodIP}:8080/"));

        var wide = (await Kubectl.RunAsync("get", "pods", "-o", "wide", "-n", "run")).EnsureSuccess().Output;
        Assert.Contains(pod.Status.PodIP, wide);
        Assert.Contains(pod.Spec.NodeName, wide);
        Assert.Matches(@"kubia\s+1/1\s+Running\s+0", wide);
    }

    [Fact]
    public async Task TheNotesManualPodRunsAndLogs()
    {
        await Cluster.CreateNamespaceAsync("manual");
        (await Kubectl.RunAsync("create", "-f", RepositoryPaths.Seed("kubia-manual.yml"), "-n", "manual")).EnsureSuccess();
        await Cluster.ForRunningAsync("manual", "kubia-manual");
        await Eventually.WaitForAsync(async () => (await Kubectl.RunAsync("logs", "kubia-manual", "-n", "manual")).Output,
            logs => logs.Contains("Kubia server starting...", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "kubectl logs");
        var described = (await Kubectl.RunAsync("describe", "pod", "kubia-manual", "-n", "manual")).EnsureSuccess().Output;
        Assert.Matches(@"Status:\s+Running", described);
        Assert.Matches(@"Normal\s+Scheduled\s+.*Successfully assigned manual/kubia-manual to", described);
        Assert.Matches(@"Normal\s+Started\s+", described);
    }

    [Fact]
    public async Task NodeSelectorsPlacePodsAndUnmatchablePodsStayPendingWithAReason()
    {
        await Cluster.CreateNamespaceAsync("gpu");
        var gpuNode = Cluster.Nodes[1].Name;
        Assert.Contains($"node/{gpuNode} labeled", (await Kubectl.RunAsync("label", "node", gpuNode, "gpu=true")).EnsureSuccess().Output);
        var labelled = (await Kubectl.RunAsync("get", "nodes", "-l", "gpu=true")).EnsureSuccess().Output;
        Assert.Contains(gpuNode, labelled);

        (await Kubectl.RunAsync("create", "-f", RepositoryPaths.Seed("kubia-gpu.yml"), "-n", "gpu")).EnsureSuccess();
        var pod = await Cluster.ForRunningAsync("gpu", "kubia-gpu");
        Assert.Equal(gpuNode, pod.Spec.NodeName);

        const string nowhere = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: nowhere\nspec:\n  nodeSelector:\n    disk: tape\n  containers:\n  - name: main\n    image: taodaling/kubia\n";
        (await Kubectl.RunAsync(["create", "-n", "gpu", "-f", "-"], nowhere, TimeSpan.FromSeconds(60))).EnsureSuccess();
        var described = await Eventually.WaitForAsync(async () => (await Kubectl.RunAsync("describe", "pod", "nowhere", "-n", "gpu")).Output,
            text => text.Contains("FailedScheduling", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "a FailedScheduling event");
        Assert.Contains("didn't match Pod's node affinity/selector", described);
        Assert.Matches(@"Status:\s+Pending", described);
    }

    [Fact]
    public async Task AFailingLivenessProbeRestartsTheContainer()
    {
        await Cluster.CreateNamespaceAsync("liveness");
        (await Kubectl.RunAsync("create", "-f", RepositoryPaths.Seed("kubia-liveness.yml"), "-n", "liveness")).EnsureSuccess();
        // kubia-unhealthy answers 500 after five requests; with the default period (10 s) and threshold (3) the
        // first restart comes after roughly 80 s.
        await Cluster.ForPodAsync("liveness", "kubia-liveness", p => p.Status?.ContainerStatuses?.FirstOrDefault()?.RestartCount >= 1,
            "to be restarted by its liveness probe", TimeSpan.FromSeconds(180));

        var pods = (await Kubectl.RunAsync("get", "pods", "-n", "liveness")).EnsureSuccess().Output;
        Assert.Matches(@"kubia-liveness\s+\S+\s+\S+\s+[1-9]", pods);
        var described = (await Kubectl.RunAsync("describe", "pod", "kubia-liveness", "-n", "liveness")).EnsureSuccess().Output;
        Assert.Matches(@"Last State:\s+Terminated", described);
        Assert.Matches(@"Exit Code:\s+137", described);
        Assert.Matches(@"Liveness:\s+http-get http://:8080/ delay=0s timeout=1s period=10s #success=1 #failure=3", described);
        Assert.Matches(@"Warning\s+Unhealthy\s+.*Liveness probe failed: HTTP probe failed with statuscode: 500", described);
        Assert.Matches(@"Normal\s+Killing\s+.*failed liveness probe", described);
        var previous = (await Kubectl.RunAsync("logs", "kubia-liveness", "--previous", "-n", "liveness")).EnsureSuccess().Output;
        Assert.Contains("Kubia server starting...", previous);
    }

    [Fact]
    public async Task ContainersOfOnePodShareLocalhostAndAnEmptyDir()
    {
        await Cluster.CreateNamespaceAsync("shared");
        const string pod = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: pair
            spec:
              volumes:
              - name: data
                emptyDir: {}
              containers:
              - name: web
                image: taodaling/kubia
                volumeMounts:
                - name: data
                  mountPath: /data
              - name: client
                image: taodaling/kubia
                command: ["sh", "-c", "until wget -qO /data/answer http://127.0.0.1:8080/; do sleep 1; done; cat /data/answer; sleep 3600"]
                volumeMounts:
                - name: data
                  mountPath: /data
            """;
        (await Kubectl.RunAsync(["create", "-n", "shared", "-f", "-"], pod, TimeSpan.FromSeconds(60))).EnsureSuccess();
        await Cluster.ForRunningAsync("shared", "pair");
        await Eventually.WaitForAsync(async () => (await Kubectl.RunAsync("logs", "pair", "-c", "client", "-n", "shared")).Output,
            logs => logs.Contains("You've hit pair", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the client reaching the server on localhost");
        var shared = (await Kubectl.RunAsync("exec", "pair", "-c", "web", "-n", "shared", "--", "cat", "/data/answer")).EnsureSuccess().Output;
        Assert.Equal("You've hit pair\n", shared);
    }

    [Fact]
    public async Task ExecRunsCommandsAndReportsExitCodes()
    {
        await Cluster.CreateNamespaceAsync("exec");
        (await Kubectl.RunAsync("run", "target", "--image=taodaling/kubia", "-n", "exec")).EnsureSuccess();
        await Cluster.ForRunningAsync("exec", "target");
        Assert.Equal("hi\n", (await Kubectl.RunAsync("exec", "target", "-n", "exec", "--", "echo", "hi")).EnsureSuccess().Output);
        var failed = await Kubectl.RunAsync("exec", "target", "-n", "exec", "--", "sh", "-c", "exit 3");
        Assert.Equal(3, failed.ExitCode);
        Assert.Equal("piped\n", (await Kubectl.RunAsync(["exec", "-i", "target", "-n", "exec", "--", "cat"], "piped\n", TimeSpan.FromSeconds(60))).EnsureSuccess().Output);
    }

    [Fact]
    public async Task DeletionSendsSigtermAndKillsAfterTheGracePeriod()
    {
        await Cluster.CreateNamespaceAsync("grace");
        const string pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: stubborn\nspec:\n  terminationGracePeriodSeconds: 6\n  containers:\n  - name: main\n    image: actororchestrator/sigterm-ignorer\n";
        (await Kubectl.RunAsync(["create", "-n", "grace", "-f", "-"], pod, TimeSpan.FromSeconds(60))).EnsureSuccess();
        var running = await Cluster.ForPodAsync("grace", "stubborn", p => p.Status?.Phase == "Running", "to run");
        var container = running.Status.ContainerStatuses[0].ContainerID.Replace("docker://", "", StringComparison.Ordinal);

        var watch = Stopwatch.StartNew();
        var deleting = Kubectl.RunAsync(["delete", "pod", "stubborn", "-n", "grace"], null, TimeSpan.FromSeconds(90));
        // While the grace period runs the container is still there, and says it got (and ignored) SIGTERM.
        await Eventually.WaitForAsync(() => Docker.RunAsync("logs", container),
            logs => logs.Contains("SIGTERM", StringComparison.OrdinalIgnoreCase), TimeSpan.FromSeconds(5), "the container to receive SIGTERM");
        (await deleting).EnsureSuccess();
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(5), $"the pod went after {watch.Elapsed}, before its grace period");
        Assert.DoesNotContain(container, string.Join(",", await Docker.ContainersOfNodeAsync(running.Spec.NodeName, all: true)));
    }

    [Fact]
    public async Task ForceDeletionRemovesThePodAtOnce()
    {
        await Cluster.CreateNamespaceAsync("force");
        const string pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: forced\nspec:\n  terminationGracePeriodSeconds: 60\n  containers:\n  - name: main\n    image: actororchestrator/sigterm-ignorer\n";
        (await Kubectl.RunAsync(["create", "-n", "force", "-f", "-"], pod, TimeSpan.FromSeconds(60))).EnsureSuccess();
        var running = await Cluster.ForPodAsync("force", "forced", p => p.Status?.Phase == "Running", "to run");
        var watch = Stopwatch.StartNew();
        (await Kubectl.RunAsync("delete", "pod", "forced", "-n", "force", "--grace-period=0", "--force")).EnsureSuccess();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        await Eventually.WaitForAsync(async () => (await Docker.ContainersOfNodeAsync(running.Spec.NodeName))
            .All(id => !id.StartsWith(running.Status.ContainerStatuses[0].ContainerID.Replace("docker://", "", StringComparison.Ordinal), StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the forced pod's container to be removed");
    }
}
