using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.NodeAgent.Runtime;

namespace ActorOrchestrator.NodeAgentTests.Pods;

/// <summary>Graceful and forced deletion, and activeDeadlineSeconds.</summary>
[Trait("Category", "Unit")]
public sealed class PodTerminationTests : IAsyncLifetime
{
    private readonly FakePodHarness _node = new();

    public Task InitializeAsync()
    {
        _node.Engine.AddLocalImages("example/idle:1"); // no program: stops at once on SIGTERM
        return _node.Manager.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private static readonly string TwoContainers = """
        {
          "containers": [
            { "name": "stubborn", "image": "actororchestrator/sigterm-ignorer", "imagePullPolicy": "IfNotPresent" },
            { "name": "quick", "image": "example/idle:1" }
          ]
        }
        """;

    [Fact]
    public async Task A_graceful_deletion_stops_everything_waits_out_the_grace_period_then_removes_and_confirms()
    {
        var pod = TestPods.Pod("bye", TwoContainers);
        _node.Manager.Sync([pod]);
        await _node.SettleAsync();
        await _node.AdvanceAsync(TimeSpan.FromSeconds(5));

        _node.Manager.Upsert(TestPods.Deleting(pod, 30, _node.Time.GetUtcNow()));
        await FakePodHarness.WaitForAsync(() => _node.Reporter.Events("bye").Count(e => e.Reason == "Killing") == 2, "both kills");
        Assert.Equal(
            ["Normal Killing spec.containers{quick}: Stopping container quick", "Normal Killing spec.containers{stubborn}: Stopping container stubborn"],
            _node.Reporter.Events("bye").Where(e => e.Reason == "Killing").Select(e => e.ToString()).Order());
        await _node.WaitForTimerAsync(FakePodHarness.T0 + TimeSpan.FromSeconds(35));

        _node.Time.Advance(TimeSpan.FromSeconds(29));
        await Task.Yield();
        Assert.Empty(_node.Reporter.Confirmations);
        Assert.Equal(0, _node.Calls("RemovePod"));
        Assert.Equal(ContainerState.Running, Assert.Single(await _node.ContainersAsync("bye", "stubborn")).State);

        _node.Time.Advance(TimeSpan.FromSeconds(1));
        await FakePodHarness.WaitForAsync(() => _node.Reporter.Confirmations.Count == 1, "the confirmation");
        await _node.SettleAsync();

        Assert.Equal(("uid-bye", FakePodHarness.T0 + TimeSpan.FromSeconds(35)), _node.Reporter.Confirmations[0]);
        var calls = _node.Runtime.Calls.Where(c => c.Operation is "StopContainer" or "RemovePod").Select(c => (c.Operation, (int)(c.At - FakePodHarness.T0).TotalSeconds)).ToList();
        Assert.Equal([("StopContainer", 5), ("StopContainer", 5), ("StopContainer", 35), ("RemovePod", 35)], calls);
        Assert.Empty(await _node.ContainersAsync("bye"));
        // The last status shows how each container ended: SIGKILL after the grace period, SIGTERM at once.
        var final = _node.Status("bye");
        Assert.Equal("Failed", final.Str("phase"));
        Assert.Equal(137, final.Objects("containerStatuses").Single(c => c.Str("name") == "stubborn")["state"]!["terminated"]!["exitCode"]!.GetValue<int>());
        Assert.Equal("Completed", final.Objects("containerStatuses").Single(c => c.Str("name") == "quick").Str("state", "terminated", "reason"));

        _node.Manager.Sync([]);
        await _node.SettleAsync();
        Assert.Single(_node.Reporter.Confirmations);
    }

    [Fact]
    public async Task A_force_deleted_pod_vanishes_from_the_set_and_its_containers_go_at_once()
    {
        var pod = TestPods.Pod("gone", TwoContainers);
        _node.Manager.Sync([pod]);
        await _node.SettleAsync();
        Assert.Equal(3, (await _node.ContainersAsync("gone")).Count);

        _node.Manager.Sync([]);
        await _node.SettleAsync();

        Assert.Empty(await _node.ContainersAsync("gone"));
        Assert.Empty(_node.Reporter.Confirmations);
        Assert.Null(_node.Manager.Find("default", "gone", null, previous: false));
    }

    [Fact]
    public async Task Force_deletion_during_a_graceful_one_cuts_the_grace_period_short()
    {
        var pod = TestPods.Pod("hurry", TwoContainers);
        _node.Manager.Sync([pod]);
        await _node.SettleAsync();
        _node.Manager.Upsert(TestPods.Deleting(pod, 30, _node.Time.GetUtcNow()));
        await _node.WaitForTimerAsync(FakePodHarness.T0 + TimeSpan.FromSeconds(30));

        _node.Manager.Forget("default", "hurry");
        await _node.SettleAsync();

        Assert.Empty(await _node.ContainersAsync("hurry"));
        Assert.Equal(FakePodHarness.T0, _node.Time.GetUtcNow());
    }

    [Fact]
    public async Task Exceeding_activeDeadlineSeconds_fails_the_pod_and_kills_its_containers()
    {
        _node.Manager.Sync([TestPods.Simple("deadline", "luksa/kubia", extraSpecJson: "\"activeDeadlineSeconds\": 30")]);
        await _node.AdvanceAsync(TimeSpan.FromSeconds(29));
        Assert.Equal("Running", _node.Phase("deadline"));

        await _node.AdvanceAsync(TimeSpan.FromSeconds(1));

        var status = _node.Status("deadline");
        Assert.Equal(("Failed", "DeadlineExceeded", "Pod was active on the node longer than the specified deadline"),
            (status.Str("phase"), status.Str("reason"), status.Str("message")));
        Assert.Equal("2025-01-01T00:00:40Z", _node.ContainerStatus("deadline", "deadline").Str("state", "terminated", "finishedAt"));
        Assert.Contains(_node.Reporter.Events("deadline"), e => e.Type == "Warning" && e.Reason == "DeadlineExceeded" && e.FieldPath is null);
        Assert.Equal("False", _node.Condition("deadline", "Ready"));

        await _node.AdvanceAsync(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5));
        Assert.Equal(1, _node.Calls("CreateContainer"));
        Assert.All(await _node.ContainersAsync("deadline"), c => Assert.Equal(ContainerState.Exited, c.State));
    }
}
