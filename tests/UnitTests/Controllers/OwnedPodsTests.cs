using ActorOrchestrator.Api.Selectors;
using ActorOrchestrator.Grains.Controllers;
using static ActorOrchestrator.UnitTests.Controllers.Fixtures;

namespace ActorOrchestrator.UnitTests.Controllers;

[Trait("Category", "Unit")]
public sealed class OwnedPodsTests
{
    private static readonly LabelSelector Web = LabelSelector.Parse("app=web");
    private static readonly Dictionary<string, string> Db = new() { ["app"] = "db" };

    [Fact]
    public void SplitsPodsByControllerUidAndSelector()
    {
        var pods = new[]
        {
            Pod("mine", owner: "me"),
            Pod("mine-relabelled", owner: "me", labels: Db),
            Pod("orphan"),
            Pod("orphan-other-app", owner: null, labels: Db),
            Pod("orphan-deleting", owner: null, deleting: true),
            Pod("theirs", owner: "someone-else"),
        };
        pods[2] = pods[2] with { ControllerUid = null };
        var result = OwnedPods.Classify("me", Web, controllerDeleting: false, pods);
        Assert.Equal(["mine"], result.Owned.Select(p => p.Name));
        Assert.Equal(["orphan"], result.Adopt.Select(p => p.Name));
        Assert.Equal(["mine-relabelled"], result.Release.Select(p => p.Name));
        Assert.Equal(["theirs"], result.OwnedByOthers.Select(p => p.Name));
        Assert.Equal(["mine", "orphan"], result.Claimed.Select(p => p.Name));
    }

    [Fact]
    public void AControllerBeingDeletedNeitherAdoptsNorReleases()
    {
        var pods = new[] { Pod("mine", owner: "me"), Pod("mine-relabelled", owner: "me", labels: Db), Pod("orphan", owner: null) };
        var result = OwnedPods.Classify("me", Web, controllerDeleting: true, pods);
        Assert.Equal(["mine"], result.Owned.Select(p => p.Name));
        Assert.Empty(result.Adopt);
        Assert.Empty(result.Release);
    }

    [Fact]
    public void OwnershipIsByUidNotByName()
    {
        // A pod whose controller reference names a deleted-and-recreated controller of the same name has another uid.
        var result = OwnedPods.Classify("new-uid", Web, false, [Pod("p", owner: "old-uid")]);
        Assert.Empty(result.Owned);
        Assert.Single(result.OwnedByOthers);
    }
}
