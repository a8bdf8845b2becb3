using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.NodeAgent.Runtime;

namespace ActorOrchestrator.NodeAgentTests.Pods;

/// <summary>Liveness, readiness and startup probes on the fake engine's pod network.</summary>
[Trait("Category", "Unit")]
public sealed class PodProbeTests : IAsyncLifetime
{
    private readonly FakePodHarness _node = new();

    public Task InitializeAsync() => _node.Manager.StartAsync(CancellationToken.None);

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task A_failing_liveness_probe_kills_the_container_after_the_grace_period_and_restarts_it()
    {
        // Healthy for three requests, then 500; like a node.js PID 1 it ignores SIGTERM, so only SIGKILL ends it.
        _node.Engine.AddLocalImages("example/sick:1").SetImageProgram("example/sick:1", async p =>
        {
            var served = 0;
            p.Listen(8080, _ => Interlocked.Increment(ref served) > 3 ? new FakeHttpResponse(500, "sick") : FakeHttpResponse.Ok("ok"));
            await p.WaitForTerminationAsync();
            await p.WaitForKillAsync();
            return 137;
        });
        _node.Manager.Sync([TestPods.Simple("sick", "example/sick:1",
            """ "livenessProbe": { "httpGet": { "path": "/healthz", "port": 8080 }, "periodSeconds": 1, "failureThreshold": 3 } """,
            """ "terminationGracePeriodSeconds": 5 """)]);
        await _node.AdvanceAsync(TimeSpan.FromSeconds(4));
        Assert.Equal(2, _node.Reporter.Events("sick").Count(e => e.Reason == "Unhealthy"));

        _node.Time.Advance(TimeSpan.FromSeconds(1));
        await _node.WaitForTimerAsync(FakePodHarness.T0 + TimeSpan.FromSeconds(10)); // the kill waits out the 5 s grace period
        _node.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(1, _node.Calls("CreateContainer"));
        _node.Time.Advance(TimeSpan.FromSeconds(1));
        await FakePodHarness.WaitForAsync(() => _node.ContainerStatus("sick", "sick")?["restartCount"]?.GetValue<int>() == 1, "the restart");
        await _node.SettleAsync();

        var status = _node.ContainerStatus("sick", "sick")!;
        var last = status["lastState"]!["terminated"]!;
        Assert.Equal((137, "Error", "2025-01-01T00:00:10Z", "2025-01-01T00:00:20Z"),
            (last["exitCode"]!.GetValue<int>(), last.Str("reason"), last.Str("startedAt"), last.Str("finishedAt")));
        Assert.Equal("2025-01-01T00:00:20Z", status.Str("state", "running", "startedAt"));
        Assert.Equal(
            ["Warning Unhealthy 3s: Liveness probe failed: HTTP probe failed with statuscode: 500",
             "Warning Unhealthy 4s: Liveness probe failed: HTTP probe failed with statuscode: 500",
             "Warning Unhealthy 5s: Liveness probe failed: HTTP probe failed with statuscode: 500",
             "Normal Killing 5s: Container sick failed liveness probe, will be restarted",
             "Normal Pulled 10s: Container image \"example/sick:1\" already present on machine",
             "Normal Created 10s: Created container sick",
             "Normal Started 10s: Started container sick"],
            _node.Reporter.Events("sick").Skip(3).Take(7).Select(e => $"{e.Type} {e.Reason} {(e.At - FakePodHarness.T0).TotalSeconds}s: {e.Message}"));
        Assert.All(_node.Reporter.Events("sick"), e => Assert.Equal("spec.containers{sick}", e.FieldPath));
    }

    [Fact]
    public async Task Readiness_drives_ready_and_the_Ready_conditions_which_move_only_on_transitions()
    {
        var healthy = true;
        _node.Engine.AddLocalImages("example/web:1").SetImageProgram("example/web:1", async p =>
        {
            p.Listen(8080, _ => Volatile.Read(ref healthy) ? FakeHttpResponse.Ok("ok") : new FakeHttpResponse(503, "busy"));
            await p.WaitForTerminationAsync();
            return 0;
        });
        _node.Manager.Sync([TestPods.Simple("web", "example/web:1", """
            "ports": [{ "name": "http", "containerPort": 8080 }],
            "readinessProbe": { "httpGet": { "path": "/ready", "port": "http" }, "periodSeconds": 1, "failureThreshold": 2 }
            """)]);
        await _node.SettleAsync();
        Assert.Equal(("True", true), (_node.Condition("web", "Ready"), _node.ContainerStatus("web", "web")!["ready"]!.GetValue<bool>()));

        await _node.AdvanceAsync(TimeSpan.FromSeconds(5));
        Volatile.Write(ref healthy, false);
        await _node.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Equal("True", _node.Condition("web", "Ready")); // one failure is below the threshold
        await _node.AdvanceAsync(TimeSpan.FromSeconds(1));

        var unready = _node.Status("web").Objects("conditions").Single(c => c.Str("type") == "Ready");
        Assert.Equal(
            """{"type":"Ready","status":"False","lastProbeTime":null,"lastTransitionTime":"2025-01-01T00:00:17Z","reason":"ContainersNotReady","message":"containers with unready status: [web]"}""",
            unready.ToJsonString());
        Assert.Equal("Running", _node.Phase("web"));
        Assert.Equal("Readiness probe failed: HTTP probe failed with statuscode: 503", _node.Reporter.Events("web").Last(e => e.Reason == "Unhealthy").Message);

        await _node.AdvanceAsync(TimeSpan.FromSeconds(3));
        Assert.Equal("2025-01-01T00:00:17Z", _node.Status("web").Objects("conditions").Single(c => c.Str("type") == "Ready").Str("lastTransitionTime"));
        Volatile.Write(ref healthy, true);
        await _node.AdvanceAsync(TimeSpan.FromSeconds(1));

        var conditions = _node.Status("web").Objects("conditions").ToDictionary(c => c.Str("type")!, c => (c.Str("status"), c.Str("lastTransitionTime")));
        Assert.Equal(("True", "2025-01-01T00:00:21Z"), conditions["Ready"]);
        Assert.Equal(("True", "2025-01-01T00:00:21Z"), conditions["ContainersReady"]);
        Assert.Equal(("True", "2025-01-01T00:00:10Z"), conditions["Initialized"]);
        Assert.Equal(0, _node.ContainerStatus("web", "web")!["restartCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_startup_probe_holds_back_liveness_and_readiness_until_it_passes()
    {
        _node.Engine.AddLocalImages("example/slowstart:1").SetImageProgram("example/slowstart:1", async p =>
        {
            await p.Delay(TimeSpan.FromSeconds(5));
            p.WriteFile("/tmp/started", "yes");
            p.Listen(8080, _ => FakeHttpResponse.Ok("ok"));
            await p.WaitForTerminationAsync();
            return 0;
        });
        _node.Engine.AddExecHandler(e => e.Command[0] == "cat", async e =>
        {
            if (e.Process.ReadFile(e.Command[1]) is { } content)
            {
                await e.OutAsync(content);
                return 0;
            }
            await e.ErrAsync($"cat: can't open '{e.Command[1]}': No such file or directory\n");
            return 1;
        });
        _node.Manager.Sync([TestPods.Simple("slow", "example/slowstart:1", """
            "startupProbe": { "exec": { "command": ["cat", "/tmp/started"] }, "periodSeconds": 1, "failureThreshold": 30 },
            "livenessProbe": { "httpGet": { "path": "/", "port": 8080 }, "periodSeconds": 1, "failureThreshold": 1 },
            "readinessProbe": { "tcpSocket": { "port": 8080 }, "periodSeconds": 1 }
            """)]);
        await _node.AdvanceAsync(TimeSpan.FromSeconds(4));

        var waiting = _node.ContainerStatus("slow", "slow")!;
        Assert.Equal((false, false), (waiting["started"]!.GetValue<bool>(), waiting["ready"]!.GetValue<bool>()));
        Assert.Equal("running", Assert.Single(waiting["state"]!.AsObject()).Key);

        await _node.AdvanceAsync(TimeSpan.FromSeconds(3));

        var started = _node.ContainerStatus("slow", "slow")!;
        Assert.Equal((true, true, 0), (started["started"]!.GetValue<bool>(), started["ready"]!.GetValue<bool>(), started["restartCount"]!.GetValue<int>()));
        var unhealthy = _node.Reporter.Events("slow").Where(e => e.Reason == "Unhealthy").Select(e => e.Message).Distinct().ToList();
        Assert.Equal(["Startup probe failed: cat: can't open '/tmp/started': No such file or directory"], unhealthy);
        Assert.Equal(5, _node.Reporter.Events("slow").Count(e => e.Reason == "Unhealthy"));
    }

    [Fact]
    public async Task A_startup_probe_that_never_passes_restarts_the_container()
    {
        _node.Engine.AddLocalImages("example/idle:1");
        _node.Engine.AddExecHandler(e => e.Command[0] == "false", _ => Task.FromResult(1));
        _node.Manager.Sync([TestPods.Simple("stuck", "example/idle:1", """
            "startupProbe": { "exec": { "command": ["false"] }, "periodSeconds": 1, "failureThreshold": 3 }
            """)]);
        await _node.AdvanceAsync(TimeSpan.FromSeconds(3));

        Assert.Contains(_node.Reporter.Events("stuck"), e => e.Reason == "Killing" && e.Message == "Container stuck failed startup probe, will be restarted");
        Assert.Equal("Startup probe failed: command \"false\" exited with 1", _node.Reporter.Events("stuck").First(e => e.Reason == "Unhealthy").Message);
        var status = _node.ContainerStatus("stuck", "stuck")!;
        Assert.Equal((1, 0), (status["restartCount"]!.GetValue<int>(), status["lastState"]!["terminated"]!["exitCode"]!.GetValue<int>()));
        Assert.False(status["started"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_liveness_probe_waits_for_its_initial_delay_and_a_refused_connection_is_a_failure()
    {
        _node.Engine.AddLocalImages("example/idle:1");
        _node.Manager.Sync([TestPods.Simple("deaf", "example/idle:1", """
            "livenessProbe": { "tcpSocket": { "port": 9000 }, "initialDelaySeconds": 10, "periodSeconds": 5, "failureThreshold": 2 }
            """)]);
        await _node.AdvanceAsync(TimeSpan.FromSeconds(9));
        Assert.DoesNotContain(_node.Reporter.Events("deaf"), e => e.Reason == "Unhealthy");

        await _node.AdvanceAsync(TimeSpan.FromSeconds(6));

        var unhealthy = _node.Reporter.Events("deaf").Where(e => e.Reason == "Unhealthy").ToList();
        Assert.Equal([10, 15], unhealthy.Select(e => (int)(e.At - FakePodHarness.T0).TotalSeconds));
        Assert.Equal("Liveness probe failed: dial tcp 10.88.0.2:9000: connect: connection refused", unhealthy[0].Message);
        Assert.Equal(1, _node.ContainerStatus("deaf", "deaf")!["restartCount"]!.GetValue<int>());
        Assert.Equal(ContainerState.Running, (await _node.ContainersAsync("deaf", "deaf")).MaxBy(c => c.Labels.Attempt)!.State);
    }
}
