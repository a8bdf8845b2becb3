using ActorOrchestrator.Grains.Controllers;
using static ActorOrchestrator.UnitTests.Controllers.Fixtures;

namespace ActorOrchestrator.UnitTests.Controllers;

[Trait("Category", "Unit")]
public sealed class ExpectationsTests
{
    [Fact]
    public void NoExpectationsAreSatisfied() => Assert.True(Expectations.None.IsSatisfied(T0));

    [Fact]
    public void CreatesAreSatisfiedOnlyOnceEveryCreatedPodIsObserved()
    {
        var e = Expectations.None.ExpectCreations(2, T0);
        Assert.False(e.IsSatisfied(T0));
        e = e.Created("default/a").Created("default/b");
        Assert.Equal(2, e.PendingCreates);
        e = e.Observe([Pod("a")]);
        Assert.False(e.IsSatisfied(T0.AddSeconds(1)));
        e = e.Observe([Pod("a"), Pod("b")]);
        Assert.True(e.IsSatisfied(T0.AddSeconds(2)));
    }

    [Fact]
    public void FailedCreatesAreNotWaitedFor()
    {
        var e = Expectations.None.ExpectCreations(3, T0).Created("default/a").CreateFailed(2);
        Assert.Equal(1, e.PendingCreates);
        Assert.True(e.Observe([Pod("a")]).IsSatisfied(T0));
    }

    [Fact]
    public void DeletesAreObservedWhenThePodIsGoneOrHasADeletionTimestamp()
    {
        var e = Expectations.None.ExpectDeletions(["default/a", "default/b", "default/c"], T0);
        e = e.Observe([Pod("a"), Pod("b", deleting: true)]);
        Assert.Equal(1, e.PendingDeletes);
        Assert.False(e.IsSatisfied(T0));
        Assert.True(e.DeleteFailed("default/a").IsSatisfied(T0));
    }

    [Fact]
    public void ExpectationsLapseAfterFiveMinutes()
    {
        var e = Expectations.None.ExpectCreations(1, T0);
        Assert.False(e.IsSatisfied(T0.AddMinutes(5)));
        Assert.True(e.IsSatisfied(T0.AddMinutes(5).AddTicks(1)));
        Assert.Same(e, e.Expire(T0.AddMinutes(5)));
        Assert.Equal(Expectations.None, e.Expire(T0.AddMinutes(6)));
    }

    [Fact]
    public void RecordingAgainRestartsTheTimeout()
    {
        var e = Expectations.None.ExpectCreations(1, T0).ExpectDeletions(["default/x"], T0.AddMinutes(4));
        Assert.False(e.IsSatisfied(T0.AddMinutes(6)));
    }
}
