using ActorOrchestrator.NodeAgent.Runtime;

namespace ActorOrchestrator.NodeAgentTests.Pods;

/// <summary>The node's relist: one listing per period notices exits; passes leave unchanged containers alone.</summary>
[Trait("Category", "Unit")]
public sealed class PodRelistTests : IAsyncLifetime
{
    private readonly FakePodHarness _node = new(options => options with { RelistPeriod = TimeSpan.FromSeconds(1), ResyncPeriod = TimeSpan.FromSeconds(1) });

    public Task InitializeAsync() => _node.Manager.StartAsync(CancellationToken.None);

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Running_pods_cost_one_listing_per_period_and_no_inspections()
    {
        _node.Manager.Sync([TestPods.Simple("a", "luksa/kubia"), TestPods.Simple("b", "luksa/kubia"), TestPods.Simple("c", "luksa/kubia")]);
        await _node.AdvanceAsync(TimeSpan.FromSeconds(2));
        var (inspections, listings) = (_node.Calls("InspectContainer"), _node.Calls("ListContainers"));

        await _node.AdvanceAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(inspections, _node.Calls("InspectContainer"));
        Assert.Equal(listings + 10, _node.Calls("ListContainers"));
        Assert.Equal(["Running", "Running", "Running"], new[] { "a", "b", "c" }.Select(_node.Phase));
    }

    [Fact]
    public async Task An_exit_is_noticed_by_the_next_listing_and_only_that_pod_is_inspected()
    {
        _node.Engine.AddLocalImages("example/crash:1").SetImageProgram("example/crash:1", FakePrograms.ExitAfter(TimeSpan.FromSeconds(5), 3));
        _node.Manager.Sync([TestPods.Simple("steady", "luksa/kubia"), TestPods.Simple("crash", "example/crash:1", extraSpecJson: "\"restartPolicy\": \"Never\"")]);
        await _node.AdvanceAsync(TimeSpan.FromSeconds(2));
        var steady = (await _node.ContainersAsync("steady", "steady")).Single().Id;
        var crashed = (await _node.ContainersAsync("crash", "crash")).Single().Id;
        var before = _node.Runtime.Calls.Count;

        await _node.AdvanceAsync(TimeSpan.FromSeconds(4));

        Assert.Equal(3, _node.ContainerStatus("crash", "crash")!["state"]!["terminated"]!["exitCode"]!.GetValue<int>());
        Assert.Equal("Failed", _node.Phase("crash"));
        var inspected = _node.Runtime.Calls.Skip(before).Where(c => c.Operation == "InspectContainer").Select(c => c.Target).ToList();
        Assert.Contains(crashed, inspected);
        Assert.DoesNotContain(steady, inspected);
    }
}
