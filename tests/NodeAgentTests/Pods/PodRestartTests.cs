using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.NodeAgent.Runtime;

namespace ActorOrchestrator.NodeAgentTests.Pods;

/// <summary>restartPolicy, the kubelet's restart back-off and how exits show in the status.</summary>
[Trait("Category", "Unit")]
public sealed class PodRestartTests : IAsyncLifetime
{
    private readonly FakePodHarness _node = new();

    public Task InitializeAsync() => _node.Manager.StartAsync(CancellationToken.None);

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task A_crashing_container_restarts_at_once_then_backs_off_10s_doubling_to_5_minutes()
    {
        _node.Engine.AddLocalImages("example/crash:1").SetImageProgram("example/crash:1", FakePrograms.ExitAfter(TimeSpan.Zero, 1, "boom"));
        _node.Manager.Sync([TestPods.Simple("crash", "example/crash:1")]);
        await _node.SettleAsync();

        var waiting = _node.ContainerStatus("crash", "crash")!;
        Assert.Equal(
            """{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 10s restarting failed container=crash pod=crash_default(uid-crash)"}}""",
            waiting["state"]!.ToJsonString());
        Assert.Equal(1, waiting["restartCount"]!.GetValue<int>());
        Assert.StartsWith("""{"exitCode":1,"reason":"Error","startedAt":"2025-01-01T00:00:10Z","finishedAt":"2025-01-01T00:00:10Z","containerID":"docker://""",
            waiting["lastState"]!["terminated"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Running", _node.Phase("crash"));
        Assert.Equal("False", _node.Condition("crash", "Ready"));

        await _node.AdvanceAsync(TimeSpan.FromSeconds(915));

        var starts = _node.Runtime.Calls.Where(c => c.Operation == "StartContainer").Select(c => (int)(c.At - FakePodHarness.T0).TotalSeconds).ToList();
        // The first StartContainer is the sandbox's own start inside CreatePodSandbox (not recorded): all of these are the app's.
        Assert.Equal([0, 0, 10, 30, 70, 150, 310, 610, 910], starts);
        Assert.Equal(8, _node.ContainerStatus("crash", "crash")!["restartCount"]!.GetValue<int>());
        Assert.Equal("back-off 5m0s restarting failed container=crash pod=crash_default(uid-crash)",
            _node.ContainerStatus("crash", "crash").Str("state", "waiting", "message"));
        var backOffs = _node.Reporter.Events("crash").Where(e => e.Reason == "BackOff").ToList();
        Assert.Equal(8, backOffs.Count);
        Assert.All(backOffs, e => Assert.Equal(("Warning", "Back-off restarting failed container crash in pod crash_default(uid-crash)"), (e.Type, e.Message)));
        // One dead instance is kept for lastState and logs --previous; older ones are removed.
        Assert.Equal(2, (await _node.ContainersAsync("crash", "crash")).Count);
    }

    [Fact]
    public async Task A_container_that_ran_longer_than_the_reset_period_restarts_without_back_off()
    {
        _node.Engine.AddLocalImages("example/flaky:1").SetImageProgram("example/flaky:1", async p =>
        {
            await p.Delay(p.Spec!.Attempt == 2 ? TimeSpan.FromMinutes(11) : TimeSpan.Zero);
            return 1;
        });
        _node.Manager.Sync([TestPods.Simple("flaky", "example/flaky:1")]);
        await _node.AdvanceAsync(TimeSpan.FromSeconds(10 + 660 + 5));

        var starts = _node.Runtime.Calls.Where(c => c.Operation == "StartContainer").Select(c => (int)(c.At - FakePodHarness.T0).TotalSeconds).ToList();
        Assert.Equal([0, 0, 10], starts[..3]);
        // It exits at 670 s after running 11 minutes: restarted as soon as that is seen, not 20 s later.
        Assert.InRange(starts[3], 670, 671);
    }

    [Theory]
    [InlineData("OnFailure", 0, "Succeeded", 0, "terminated", "Completed")]
    [InlineData("OnFailure", 3, "Running", 1, "running", "Error")]
    [InlineData("Never", 3, "Failed", 0, "terminated", "Error")]
    [InlineData("Never", 0, "Succeeded", 0, "terminated", "Completed")]
    [InlineData("Always", 0, "Running", 1, "running", "Completed")]
    public async Task RestartPolicy_decides_whether_an_exited_container_runs_again(
        string policy, int exitCode, string phase, int restartCount, string state, string exitReason)
    {
        _node.Engine.AddLocalImages("example/job:1").SetImageProgram("example/job:1", async p =>
        {
            await p.Delay(TimeSpan.FromSeconds(p.Spec!.Attempt == 0 ? 5 : 3600));
            return exitCode;
        });
        _node.Manager.Sync([TestPods.Simple("job", "example/job:1", extraSpecJson: $"\"restartPolicy\": \"{policy}\"")]);
        await _node.AdvanceAsync(TimeSpan.FromSeconds(8));

        var status = _node.ContainerStatus("job", "job")!;
        Assert.Equal(phase, _node.Phase("job"));
        Assert.Equal(restartCount, status["restartCount"]!.GetValue<int>());
        Assert.Equal(state, Assert.Single(status["state"]!.AsObject()).Key);
        var terminated = restartCount == 0 ? status["state"]!["terminated"] : status["lastState"]!["terminated"];
        Assert.Equal((exitCode, exitReason), (terminated!["exitCode"]!.GetValue<int>(), terminated["reason"]!.GetValue<string>()));
        Assert.Equal("2025-01-01T00:00:15Z", terminated["finishedAt"]!.GetValue<string>());
        if (phase is "Succeeded" or "Failed")
        {
            // A finished pod keeps its containers for logs but gives up its sandbox; its conditions say so.
            var sandbox = Assert.Single(await _node.ContainersAsync("job", RuntimeLabels.SandboxContainerName));
            Assert.Equal(ContainerState.Exited, sandbox.State);
            Assert.Equal(phase == "Failed" ? "PodFailed" : "PodCompleted",
                _node.Status("job").Objects("conditions").Single(c => c.Str("type") == "Ready").Str("reason"));
            Assert.Equal(1, _node.Calls("CreateContainer"));
        }
    }

    [Fact]
    public async Task An_OOM_killed_container_reports_reason_OOMKilled()
    {
        _node.Engine.AddLocalImages("example/hog:1").SetImageProgram("example/hog:1", FakePrograms.OomKilledAfter(TimeSpan.FromSeconds(3)));
        _node.Manager.Sync([TestPods.Simple("hog", "example/hog:1", """ "resources": { "limits": { "memory": "16Mi" } } """)]);
        await _node.AdvanceAsync(TimeSpan.FromSeconds(4));

        var status = _node.ContainerStatus("hog", "hog")!;
        Assert.Equal(1, status["restartCount"]!.GetValue<int>());
        Assert.Equal((137, "OOMKilled"), (status["lastState"]!["terminated"]!["exitCode"]!.GetValue<int>(), status.Str("lastState", "terminated", "reason")));
    }

    [Fact]
    public async Task Logs_previous_points_at_the_exited_instance()
    {
        _node.Engine.AddLocalImages("example/crash:1").SetImageProgram("example/crash:1", FakePrograms.ExitAfter(TimeSpan.FromSeconds(2), 1));
        _node.Manager.Sync([TestPods.Simple("logs", "example/crash:1")]);
        await _node.SettleAsync();
        var first = _node.Manager.Find("default", "logs", "logs", previous: false)!;
        Assert.True(first.Running);
        Assert.Null(_node.Manager.Find("default", "logs", "logs", previous: true));

        await _node.AdvanceUntilAsync(() => _node.ContainerStatus("logs", "logs")?["restartCount"]?.GetValue<int>() == 1, TimeSpan.FromSeconds(10), "a restart");

        var current = _node.Manager.Find("default", "logs", null, previous: false)!;
        var previous = _node.Manager.Find("default", "logs", null, previous: true)!;
        Assert.NotEqual(first.ContainerId, current.ContainerId);
        Assert.Equal((first.ContainerId, false, "logs"), (previous.ContainerId, previous.Running, previous.ContainerName));
    }
    [Fact]
    public async Task A_changed_image_restarts_the_container_with_the_new_one()
    {
        var pod = TestPods.Simple("swap", "luksa/kubia");
        _node.Manager.Sync([pod]);
        await _node.SettleAsync();
        var changed = pod.DeepClone().AsObject();
        changed["spec"]!["containers"]![0]!["image"] = "taodaling/kubia";

        _node.Manager.Upsert(changed);
        await _node.SettleAsync();

        var status = _node.ContainerStatus("swap", "swap")!;
        Assert.Equal(("taodaling/kubia", 1), (status.Str("image"), status["restartCount"]!.GetValue<int>()));
        Assert.Equal("running", Assert.Single(status["state"]!.AsObject()).Key);
        Assert.Contains(_node.Reporter.Events("swap"), e => e.Reason == "Killing" && e.Message == "Container swap definition changed, will be restarted");
        Assert.Equal("taodaling/kubia", (await _node.ContainersAsync("swap", "swap")).MaxBy(c => c.Labels.Attempt)!.Image);
    }

    [Fact]
    public async Task Repeating_an_unchanged_pod_does_not_wake_its_worker()
    {
        var pod = TestPods.Simple("same", "luksa/kubia");
        _node.Manager.Sync([pod]);
        await _node.SettleAsync();
        var inspections = _node.Calls("InspectContainer");

        for (var i = 0; i < 5; i++)
        {
            _node.Manager.Sync([pod.DeepClone().AsObject()]);
        }
        await _node.SettleAsync();

        Assert.Equal(inspections, _node.Calls("InspectContainer"));
    }
}
