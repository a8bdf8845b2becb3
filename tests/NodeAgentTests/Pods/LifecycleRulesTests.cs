using ActorOrchestrator.NodeAgent.Pods;
using Microsoft.Extensions.Time.Testing;

namespace ActorOrchestrator.NodeAgentTests.Pods;

/// <summary>The pure pieces: back-off arithmetic, phase rules, $(VAR) expansion, Go durations.</summary>
[Trait("Category", "Unit")]
public sealed class LifecycleRulesTests
{
    [Fact]
    public void Back_off_doubles_from_its_initial_delay_caps_and_starts_over_after_a_long_quiet_period()
    {
        var time = new FakeTimeProvider(FakePodHarness.T0);
        var backOff = new BackOff(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), time);
        Assert.False(backOff.IsInBackOffSince("c", time.GetUtcNow()));

        var delays = new List<double>();
        for (var i = 0; i < 8; i++)
        {
            backOff.Next("c", time.GetUtcNow());
            delays.Add(backOff.Get("c").TotalSeconds);
            time.Advance(backOff.Get("c"));
        }
        Assert.Equal([10, 20, 40, 80, 160, 300, 300, 300], delays);

        var exit = time.GetUtcNow();
        Assert.True(backOff.IsInBackOffSince("c", exit));
        time.Advance(TimeSpan.FromMinutes(11));
        Assert.False(backOff.IsInBackOffSince("c", time.GetUtcNow()));
        backOff.Next("c", time.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(10), backOff.Get("c"));
    }

    /// <summary>R running, W waiting, E0/E1/E137 exited with that code, B1 back-off after exit 1; comma-separated.</summary>
    private static List<ContainerStatusView> Views(string spec) =>
        [.. spec.Split(',', StringSplitOptions.RemoveEmptyEntries).Select((s, i) => View($"c{i}", s))];

    private static ContainerStatusView View(string name, string s)
    {
        ContainerStateView.Terminated Exit(int code) => new(code, code == 0 ? "Completed" : "Error", null, FakePodHarness.T0, FakePodHarness.T0, "docker://x");
        var (state, last) = s[0] switch
        {
            'R' => ((ContainerStateView)new ContainerStateView.Running(FakePodHarness.T0), (ContainerStateView.Terminated?)null),
            'W' => (new ContainerStateView.Waiting("ContainerCreating"), null),
            'E' => (Exit(int.Parse(s[1..], System.Globalization.CultureInfo.InvariantCulture)), null),
            _ => (new ContainerStateView.Waiting("CrashLoopBackOff"), Exit(int.Parse(s[1..], System.Globalization.CultureInfo.InvariantCulture))),
        };
        return new ContainerStatusView(name, "i", "", null, state, last, 0, false, false);
    }

    [Theory]
    [InlineData("Always", "", "W", false, "Pending")]
    [InlineData("Always", "", "R", false, "Running")]
    [InlineData("Always", "", "R,W", false, "Pending")]
    [InlineData("Always", "", "E0", false, "Running")]
    [InlineData("Always", "", "B1", false, "Running")]
    [InlineData("OnFailure", "", "E0", false, "Succeeded")]
    [InlineData("OnFailure", "", "E1", false, "Running")]
    [InlineData("Never", "", "E1", false, "Failed")]
    [InlineData("Never", "", "E0,E0", false, "Succeeded")]
    [InlineData("Never", "", "E0,R", false, "Running")]
    [InlineData("Always", "R", "W", false, "Pending")]
    [InlineData("Never", "E1", "W", false, "Failed")]
    [InlineData("Always", "E1", "W", false, "Pending")]
    [InlineData("Always", "", "E0", true, "Succeeded")]
    [InlineData("Always", "", "E137", true, "Failed")]
    [InlineData("Always", "", "W", true, "Failed")]
    public void Phase_follows_the_kubelet_rules(string policy, string init, string containers, bool terminal, string phase) =>
        Assert.Equal(phase, PodPhaseRules.Compute(policy, Views(init), Views(containers), terminal));

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("$(A)-$(B)", "a-b")]
    [InlineData("$(MISSING)", "$(MISSING)")]
    [InlineData("$$(A)", "$(A)")]
    [InlineData("$$$(A)", "$a")]
    [InlineData("cost $5", "cost $5")]
    [InlineData("$(A", "$(A")]
    [InlineData("end$", "end$")]
    public void Expansion_follows_Kubernetes(string input, string expected) =>
        Assert.Equal(expected, EnvExpansion.Expand(input, new Dictionary<string, string> { ["A"] = "a", ["B"] = "b" }));

    [Theory]
    [InlineData(10, "10s")]
    [InlineData(80, "1m20s")]
    [InlineData(300, "5m0s")]
    [InlineData(0.25, "250ms")]
    [InlineData(3725, "1h2m5s")]
    public void Durations_print_like_Go(double seconds, string expected) =>
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromSeconds(seconds)));
}
