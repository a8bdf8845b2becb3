using ActorOrchestrator.Grains.Controllers;
using static ActorOrchestrator.UnitTests.Controllers.Fixtures;

namespace ActorOrchestrator.UnitTests.Controllers;

[Trait("Category", "Unit")]
public sealed class PodDeletionOrderTests
{
    public static TheoryData<string, PodView, PodView> Rules => new()
    {
        { "unassigned before assigned", Pod("x", node: "", phase: PodView.Pending, ready: false), Pod("y", phase: PodView.Pending, ready: false) },
        { "pending before unknown", Pod("x", phase: PodView.Pending, ready: false), Pod("y", phase: PodView.Unknown, ready: false) },
        { "unknown before running", Pod("x", phase: PodView.Unknown, ready: false), Pod("y", phase: PodView.Running, ready: false) },
        { "not ready before ready", Pod("x", ready: false), Pod("y") },
        { "lower deletion cost first", Pod("x", cost: -1), Pod("y", cost: 0) },
        { "ready for less time first", Pod("x", readySince: T0.AddMinutes(-1)), Pod("y", readySince: T0.AddHours(-3)) },
        { "more restarts first", Pod("x", restarts: 3), Pod("y", restarts: 1) },
        { "newer first", Pod("x", created: T0.AddMinutes(-1)), Pod("y", created: T0.AddDays(-2)) },
        { "missing creation time first", Pod("x") with { CreationTimestamp = null }, Pod("y") },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void EachRuleDecidesWhenTheEarlierOnesTie(string rule, PodView first, PodView second)
    {
        Assert.Equal(["x", "y"], PodDeletionOrder.Ranked([second, first], [], T0).Select(p => p.Name));
        Assert.Equal(["x", "y"], PodDeletionOrder.Ranked([first, second], [], T0).Select(p => p.Name));
        if (rule != "lower deletion cost first") Assert.Equal(["x", "y"], PodDeletionOrder.Plain([second, first]).Select(p => p.Name));
    }

    [Fact]
    public void PodsDoubledUpOnANodeGoFirst()
    {
        var crowded = Pod("crowded", node: "n1");
        var alone = Pod("alone", node: "n2");
        var related = new[] { crowded, Pod("sibling", owner: "other-rs", node: "n1"), alone };
        Assert.Equal(["crowded", "alone"], PodDeletionOrder.Ranked([alone, crowded], related, T0).Select(p => p.Name));
    }

    [Fact]
    public void AgesOfTheSameOrderOfMagnitudeAreBrokenByUidNotByAge()
    {
        // 100 and 101 seconds old share a log2 bucket: Kubernetes then picks by uid, pseudo-randomly.
        var older = Pod("older", created: T0.AddSeconds(-101), uid: "a");
        var newer = Pod("newer", created: T0.AddSeconds(-100), uid: "b");
        Assert.Equal(["older", "newer"], PodDeletionOrder.Ranked([newer, older], [], T0).Select(p => p.Name));
        Assert.Equal(["newer", "older"], PodDeletionOrder.Plain([older, newer]).Select(p => p.Name));
    }

    [Fact]
    public void StateOutranksAge()
    {
        var oldNotReady = Pod("old-not-ready", ready: false, created: T0.AddDays(-30));
        var newReady = Pod("new-ready", created: T0.AddSeconds(-5));
        Assert.Equal("old-not-ready", PodDeletionOrder.Ranked([newReady, oldNotReady], [], T0)[0].Name);
    }
}
