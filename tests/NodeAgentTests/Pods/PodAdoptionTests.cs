using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.NodeAgent.Runtime;

namespace ActorOrchestrator.NodeAgentTests.Pods;

/// <summary>An agent restart re-adopts containers from their labels; what no pod claims is swept; reporting is level-based.</summary>
[Trait("Category", "Unit")]
public sealed class PodAdoptionTests : IAsyncLifetime
{
    private readonly FakePodHarness _node = new(o => o with { DanglingSweepPeriod = TimeSpan.FromSeconds(30) });

    public Task InitializeAsync() => _node.Manager.StartAsync(CancellationToken.None);

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private static readonly string WebProbed = """
        "readinessProbe": { "httpGet": { "path": "/", "port": 8080 }, "periodSeconds": 1 }
        """;

    [Fact]
    public async Task A_restarted_agent_adopts_its_running_containers_without_restarting_or_duplicating_them()
    {
        var pod = TestPods.Simple("kubia", "luksa/kubia", WebProbed);
        _node.Manager.Sync([pod]);
        await _node.AdvanceAsync(TimeSpan.FromSeconds(3));
        var before = await _node.ContainersAsync("kubia");
        var reported = _node.Status("kubia");
        var reports = _node.Reporter.Statuses("kubia").Count;
        var creates = _node.Calls("CreateContainer") + _node.Calls("CreatePodSandbox");

        await _node.Manager.StopAsync();
        Assert.All(await _node.ContainersAsync("kubia"), c => Assert.Equal(ContainerState.Running, c.State));
        await _node.AdvanceAsync(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(10));
        _node.NewManager();
        _node.Manager.Sync([TestPods.WithStatus(pod, reported)]); // handed over before start: waits for the adoption
        await _node.Manager.StartAsync(CancellationToken.None);
        await _node.AdvanceAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(creates, _node.Calls("CreateContainer") + _node.Calls("CreatePodSandbox"));
        Assert.Equal(before.Select(c => (c.Id, c.State)), (await _node.ContainersAsync("kubia")).Select(c => (c.Id, c.State)));
        // Nothing changed, so nothing is reported: no flapping Ready, no new transition times.
        Assert.Equal(reports, _node.Reporter.Statuses("kubia").Count);
        Assert.Equal(before.Single(c => c.Labels.ContainerName == "kubia").Id, _node.Manager.Find("default", "kubia", null, false)?.ContainerId);
        Assert.Equal("10.88.0.2", _node.Manager.PodIp("default", "kubia"));
    }

    [Fact]
    public async Task An_adopted_pod_keeps_restarting_from_its_last_attempt()
    {
        _node.Engine.AddLocalImages("example/crash:1").SetImageProgram("example/crash:1", FakePrograms.ExitAfter(TimeSpan.FromSeconds(1), 1));
        var pod = TestPods.Simple("crash", "example/crash:1");
        _node.Manager.Sync([pod]);
        await _node.AdvanceAsync(TimeSpan.FromSeconds(3));
        var restarts = _node.ContainerStatus("crash", "crash")!["restartCount"]!.GetValue<int>();
        await _node.Manager.StopAsync();

        _node.NewManager();
        await _node.StartAsync(TestPods.WithStatus(pod, _node.Status("crash")));
        await _node.AdvanceAsync(TimeSpan.FromSeconds(30));

        var attempts = (await _node.ContainersAsync("crash", "crash")).Select(c => c.Labels.Attempt).Order().ToList();
        Assert.Equal(2, attempts.Count);
        Assert.True(attempts[0] >= restarts, $"attempts {string.Join(",", attempts)} after {restarts} restarts");
        Assert.Equal(attempts[1], _node.ContainerStatus("crash", "crash")!["restartCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Containers_of_pods_missing_from_the_first_sync_are_removed()
    {
        var keep = TestPods.Simple("keep", "luksa/kubia");
        _node.Manager.Sync([keep, TestPods.Simple("stale", "luksa/kubia")]);
        await _node.SettleAsync();
        await _node.Manager.StopAsync();

        _node.NewManager();
        await _node.StartAsync(keep);

        Assert.Empty(await _node.ContainersAsync("stale"));
        Assert.Equal(2, (await _node.ContainersAsync("keep")).Count);
    }

    [Fact]
    public async Task The_periodic_sweep_removes_labelled_containers_nobody_claims_and_leaves_others_alone()
    {
        _node.Manager.Sync([TestPods.Simple("keep", "luksa/kubia")]);
        await _node.SettleAsync();
        var ghost = await _node.Runtime.CreatePodSandboxAsync(new PodSandboxSpec(new PodRef("uid-ghost", "default", "ghost")));
        var otherNode = new FakeContainerRuntime(_node.Engine, "node-2");
        var neighbour = await otherNode.CreatePodSandboxAsync(new PodSandboxSpec(new PodRef("uid-neighbour", "default", "n")));

        await _node.AdvanceAsync(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5));

        Assert.Empty(await _node.Runtime.ListContainersAsync(RuntimeLabels.ForPod("uid-ghost")));
        Assert.Equal(2, (await _node.ContainersAsync("keep")).Count);
        Assert.Equal(neighbour.Id, Assert.Single(await otherNode.ListContainersAsync()).Id);
        Assert.NotNull(ghost);
    }

    [Fact]
    public async Task Status_reports_that_failed_are_made_again_once_the_control_plane_is_back()
    {
        _node.Reporter.Unreachable = true;
        _node.Manager.Sync([TestPods.Simple("web", "luksa/kubia")]);
        await _node.AdvanceAsync(TimeSpan.FromSeconds(3));
        Assert.Empty(_node.Reporter.Statuses("web"));
        Assert.Equal(ContainerState.Running, (await _node.ContainersAsync("web", "web"))[0].State);

        _node.Reporter.Unreachable = false;
        await _node.AdvanceAsync(TimeSpan.FromSeconds(1));

        var status = Assert.Single(_node.Reporter.Statuses("web"));
        Assert.Equal("Running", status.Status.Str("phase"));
        Assert.Equal("2025-01-01T00:00:10Z", status.Status.Str("startTime"));
    }

    [Fact]
    public async Task A_pod_recreated_under_the_same_name_replaces_the_old_one()
    {
        var first = TestPods.Simple("web", "luksa/kubia");
        _node.Manager.Sync([first]);
        await _node.SettleAsync();
        var second = first.DeepClone().AsObject();
        second["metadata"]!["uid"] = "uid-web-2";

        _node.Manager.Sync([second]);
        await _node.SettleAsync();

        Assert.Empty(await _node.ContainersAsync("web"));
        Assert.Equal(2, (await _node.Runtime.ListContainersAsync(RuntimeLabels.ForPod("uid-web-2"))).Count);
        Assert.Equal("uid-web-2", _node.Reporter.Statuses("web")[^1].Uid);
    }
    [Fact]
    public async Task A_pod_bound_to_another_node_is_let_go()
    {
        var pod = TestPods.Simple("moved", "luksa/kubia");
        _node.Manager.Sync([pod]);
        await _node.SettleAsync();
        var moved = pod.DeepClone().AsObject();
        moved["spec"]!["nodeName"] = "node-2";

        _node.Manager.Upsert(moved);
        await _node.SettleAsync();

        Assert.Empty(await _node.ContainersAsync("moved"));
        Assert.Null(_node.Manager.PodIp("default", "moved"));
    }
}
