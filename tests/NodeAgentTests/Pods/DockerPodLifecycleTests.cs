using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.NodeAgent.Pods;
using ActorOrchestrator.NodeAgent.Runtime;
using ActorOrchestrator.NodeAgentTests.Infrastructure;
using ActorOrchestrator.NodeAgentTests.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorOrchestrator.NodeAgentTests.Pods;

/// <summary>
/// The pod lifecycle on the real Docker engine with the images of deploy/images, on a real clock with
/// shortened timings. Each test is its own node; everything labelled with it is removed afterwards.
/// </summary>
[Trait("Category", "Docker")]
public sealed class DockerPodLifecycleTests : IAsyncLifetime
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);
    private readonly string _node = $"pods-{Guid.NewGuid():N}"[..16];
    private readonly string _stateDirectory = Path.Combine(Path.GetTempPath(), $"ao-pod-tests-{Guid.NewGuid():N}");
    private readonly RecordingPodReporter _reporter = new(TimeProvider.System);
    private readonly DockerContainerRuntime _runtime;
    private readonly PodManager _manager;

    public DockerPodLifecycleTests()
    {
        _runtime = DockerTestEngine.CreateRuntime(_node, _stateDirectory);
        var options = new PodManagerOptions
        {
            ResyncPeriod = TimeSpan.FromMilliseconds(250),
            BackOffInitial = TimeSpan.FromSeconds(1),
            BackOffMax = TimeSpan.FromSeconds(5),
            ImagePullBackOffInitial = TimeSpan.FromSeconds(1),
            HostIp = "127.0.0.1",
        };
        _manager = new PodManager(_runtime, _reporter, options, TimeProvider.System, NullLogger<PodManager>.Instance);
    }

    public Task InitializeAsync() => _manager.StartAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        try
        {
            await _manager.StopAsync();
            await DockerTestEngine.RemoveLabelledAsync(RuntimeLabels.NodeKey, _node);
        }
        finally
        {
            _runtime.Dispose();
            if (Directory.Exists(_stateDirectory))
            {
                Directory.Delete(_stateDirectory, recursive: true);
            }
        }
    }

    private JsonObject Pod(string name, string specJson) => TestPods.Pod(name, specJson, node: _node);

    private Task<JsonObject> StatusAsync(string pod, Func<JsonObject, bool> done, string what) =>
        Eventually.WaitForAsync(() => Task.FromResult(_reporter.Latest(pod) ?? new JsonObject()), done, WaitLimit, what);

    private static JsonObject? Container(JsonObject status, string name) =>
        status.Objects("containerStatuses").FirstOrDefault(c => c.Str("name") == name);

    [Fact]
    public async Task A_kubia_pod_runs_becomes_ready_and_answers_on_its_pod_IP()
    {
        _manager.Sync([Pod("kubia", """
            {
              "containers": [{
                "name": "kubia", "image": "taodaling/kubia", "imagePullPolicy": "IfNotPresent",
                "ports": [{ "name": "http", "containerPort": 8080 }],
                "readinessProbe": { "httpGet": { "path": "/", "port": "http" }, "periodSeconds": 1 }
              }]
            }
            """)]);

        var status = await StatusAsync("kubia", s => s.Str("phase") == "Running" && Container(s, "kubia")?.Flag("ready") == true, "kubia running and ready");

        var podIp = status.Str("podIP")!;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        Assert.Equal("You've hit kubia\n", await http.GetStringAsync($"http://{podIp}:8080/"));
        var containerId = Container(status, "kubia").Str("containerID")!;
        Assert.StartsWith("docker://", containerId, StringComparison.Ordinal);
        Assert.StartsWith("docker://sha256:", Container(status, "kubia").Str("imageID"), StringComparison.Ordinal);
        var inspected = await DockerTestEngine.InspectAsync(containerId["docker://".Length..]);
        Assert.True(inspected.State.Running);
        Assert.Equal(podIp, _manager.PodIp("default", "kubia"));
        Assert.Equal("True", status.Objects("conditions").Single(c => c.Str("type") == "Ready").Str("status"));
    }

    [Fact]
    public async Task Kubia_unhealthy_is_restarted_by_its_liveness_probe()
    {
        _manager.Sync([Pod("unhealthy", """
            {
              "terminationGracePeriodSeconds": 2,
              "containers": [{
                "name": "kubia", "image": "luksa/kubia-unhealthy", "imagePullPolicy": "IfNotPresent",
                "livenessProbe": { "httpGet": { "path": "/", "port": 8080 }, "periodSeconds": 1, "failureThreshold": 3 }
              }]
            }
            """)]);

        var status = await StatusAsync("unhealthy", s => Container(s, "kubia")?.Num("restartCount") >= 1 && Container(s, "kubia").At("state", "running") is not null, "a restart");

        var last = Container(status, "kubia")!["lastState"]!["terminated"]!;
        // Like the book's Node.js image, kubia-unhealthy ignores SIGTERM: the kill ends with SIGKILL after the grace period.
        Assert.Equal((137, "Error"), (last.Num("exitCode"), last.Str("reason")));
        Assert.NotNull(last.Str("finishedAt"));
        var events = _reporter.Events("unhealthy");
        Assert.Contains(events, e => e.Reason == "Unhealthy" && e.Message == "Liveness probe failed: HTTP probe failed with statuscode: 500");
        Assert.Contains(events, e => e.Reason == "Killing" && e.Message == "Container kubia failed liveness probe, will be restarted");
    }

    [Fact]
    public async Task A_container_that_ignores_SIGTERM_is_killed_after_the_grace_period_and_shows_exit_code_137()
    {
        // The image holds only its binary, so this exec probe can never pass.
        _manager.Sync([Pod("ignorer", """
            {
              "terminationGracePeriodSeconds": 2,
              "containers": [{
                "name": "main", "image": "actororchestrator/sigterm-ignorer", "imagePullPolicy": "IfNotPresent",
                "livenessProbe": { "exec": { "command": ["/healthy"] }, "initialDelaySeconds": 1, "periodSeconds": 1, "failureThreshold": 2 }
              }]
            }
            """)]);

        var status = await StatusAsync("ignorer", s => Container(s, "main")?.Num("restartCount") >= 1, "a restart");

        var last = Container(status, "main")!["lastState"]!["terminated"]!;
        Assert.Equal((137, "Error"), (last.Num("exitCode"), last.Str("reason")));
        var stoppedAfter = last.Time("finishedAt") - _reporter.Events("ignorer").First(e => e.Reason == "Killing").At;
        Assert.InRange(stoppedAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Two_containers_share_localhost_and_an_emptyDir()
    {
        _manager.Sync([Pod("shared", """
            {
              "volumes": [{ "name": "shared", "emptyDir": {} }],
              "containers": [
                { "name": "web", "image": "taodaling/kubia", "imagePullPolicy": "IfNotPresent",
                  "volumeMounts": [{ "name": "shared", "mountPath": "/shared" }] },
                { "name": "poller", "image": "taodaling/kubia", "imagePullPolicy": "IfNotPresent",
                  "command": ["sh", "-c", "while true; do curl -s http://localhost:8080/ > /shared/out.tmp && mv /shared/out.tmp /shared/out.txt; sleep 1; done"],
                  "volumeMounts": [{ "name": "shared", "mountPath": "/shared" }] }
              ]
            }
            """)]);
        await StatusAsync("shared", s => s.Str("phase") == "Running", "both containers running");
        var web = _manager.Find("default", "shared", "web", previous: false)!;

        var seen = await Eventually.WaitForAsync(async () =>
        {
            using var output = new MemoryStream();
            await _runtime.ExecAsync(web.ContainerId, new ExecRequest(["cat", "/shared/out.txt"], Stdout: output, Stderr: Stream.Null, Timeout: TimeSpan.FromSeconds(10)));
            return Encoding.UTF8.GetString(output.ToArray());
        }, text => text.Length > 0, WaitLimit, "the poller's file in the web container");

        Assert.Equal("You've hit shared\n", seen);
        Assert.Equal("web", _manager.Find("default", "shared", null, previous: false)!.ContainerName);
    }

    [Fact]
    public async Task Deleting_a_pod_that_ignores_SIGTERM_takes_its_grace_period_then_removes_everything()
    {
        var pod = Pod("stubborn", """
            { "containers": [{ "name": "main", "image": "actororchestrator/sigterm-ignorer", "imagePullPolicy": "IfNotPresent" }] }
            """);
        _manager.Sync([pod]);
        await StatusAsync("stubborn", s => s.Str("phase") == "Running", "running");

        var clock = Stopwatch.StartNew();
        _manager.Upsert(TestPods.Deleting(pod, 3, DateTimeOffset.UtcNow));
        await Eventually.WaitForAsync(() => Task.FromResult(_reporter.Confirmations.Count), n => n == 1, WaitLimit, "the deletion confirmed");

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(20));
        Assert.Empty(await _runtime.ListContainersAsync(RuntimeLabels.ForPod("uid-stubborn")));
        var final = _reporter.Latest("stubborn")!;
        Assert.Equal(137, Container(final, "main")!["state"]!["terminated"]!.Num("exitCode"));
        Assert.Equal("Failed", final.Str("phase"));
    }
}
