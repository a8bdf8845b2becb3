using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.NodeAgent.Runtime;

namespace ActorOrchestrator.NodeAgentTests.Pods;

/// <summary>Init containers: in order, each to completion, before the regular containers; restartPolicy on failure.</summary>
[Trait("Category", "Unit")]
public sealed class PodInitContainerTests : IAsyncLifetime
{
    private readonly FakePodHarness _node = new();

    public async Task InitializeAsync()
    {
        await _node.Manager.StartAsync(CancellationToken.None);
        _node.Engine.AddLocalImages("example/step:1").AddProgram(
            spec => spec.Image == "example/step:1",
            async p =>
            {
                await p.Delay(TimeSpan.FromSeconds(2));
                return int.Parse(p.Env.GetValueOrDefault("EXIT", "0"), System.Globalization.CultureInfo.InvariantCulture);
            });
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private static string Pod(string secondExit, string policy = "Always") => $$"""
        {
          "restartPolicy": "{{policy}}",
          "initContainers": [
            { "name": "init-a", "image": "example/step:1" },
            { "name": "init-b", "image": "example/step:1", "env": [{ "name": "EXIT", "value": "{{secondExit}}" }] }
          ],
          "containers": [{ "name": "app", "image": "luksa/kubia", "imagePullPolicy": "IfNotPresent" }]
        }
        """;

    [Fact]
    public async Task Init_containers_run_one_after_the_other_before_the_app()
    {
        _node.Manager.Sync([TestPods.Pod("init", Pod("0"))]);
        await _node.SettleAsync();

        Assert.Equal("Pending", _node.Phase("init"));
        Assert.Equal("running", Assert.Single(_node.ContainerStatus("init", "init-a", init: true)!["state"]!.AsObject()).Key);
        Assert.Equal("""{"waiting":{"reason":"PodInitializing"}}""", _node.ContainerStatus("init", "init-b", init: true)!["state"]!.ToJsonString());
        Assert.Equal("""{"waiting":{"reason":"PodInitializing"}}""", _node.ContainerStatus("init", "app")!["state"]!.ToJsonString());
        var initialized = _node.Status("init").Objects("conditions").Single(c => c.Str("type") == "Initialized");
        Assert.Equal(("False", "ContainersNotInitialized", "containers with incomplete status: [init-a init-b]"),
            (initialized.Str("status"), initialized.Str("reason"), initialized.Str("message")));

        await _node.AdvanceAsync(TimeSpan.FromSeconds(2));
        var a = _node.ContainerStatus("init", "init-a", init: true)!;
        Assert.Equal(("Completed", true), (a.Str("state", "terminated", "reason"), a["ready"]!.GetValue<bool>()));
        Assert.Equal("running", Assert.Single(_node.ContainerStatus("init", "init-b", init: true)!["state"]!.AsObject()).Key);
        Assert.Equal(0, _node.Calls("CreateContainer") - 2);

        await _node.AdvanceAsync(TimeSpan.FromSeconds(2));
        Assert.Equal("Running", _node.Phase("init"));
        Assert.Equal("True", _node.Condition("init", "Initialized"));
        Assert.Equal(["init-a", "init-b", "app"], _node.Runtime.Calls.Where(c => c.Operation == "CreateContainer").Select(c => c.Target.Split('/')[^1].Split('#')[0]));
    }

    [Fact]
    public async Task A_failed_init_container_fails_the_pod_under_restartPolicy_Never()
    {
        _node.Manager.Sync([TestPods.Pod("initfail", Pod("2", "Never"))]);
        await _node.AdvanceAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("Failed", _node.Phase("initfail"));
        Assert.Equal((2, "Error"), (_node.ContainerStatus("initfail", "init-b", init: true)!["state"]!["terminated"]!["exitCode"]!.GetValue<int>(),
            _node.ContainerStatus("initfail", "init-b", init: true).Str("state", "terminated", "reason")));
        Assert.Empty(await _node.ContainersAsync("initfail", "app"));
        Assert.Equal("""{"waiting":{"reason":"PodInitializing"}}""", _node.ContainerStatus("initfail", "app")!["state"]!.ToJsonString());
    }

    [Fact]
    public async Task A_failed_init_container_runs_again_with_back_off_and_holds_the_app_back()
    {
        _node.Manager.Sync([TestPods.Pod("initloop", Pod("1"))]);
        await _node.AdvanceAsync(TimeSpan.FromSeconds(9));

        var b = _node.ContainerStatus("initloop", "init-b", init: true)!;
        Assert.Equal("CrashLoopBackOff", b.Str("state", "waiting", "reason"));
        Assert.Equal(1, b["restartCount"]!.GetValue<int>());
        Assert.Equal("Pending", _node.Phase("initloop"));
        Assert.Empty(await _node.ContainersAsync("initloop", "app"));
        Assert.Equal(ContainerState.Exited, Assert.Single(await _node.ContainersAsync("initloop", "init-a")).State);
    }
}
