using ActorOrchestrator.Grains.Controllers;
using static ActorOrchestrator.UnitTests.Controllers.Fixtures;

namespace ActorOrchestrator.UnitTests.Controllers;

[Trait("Category", "Unit")]
public sealed class PodViewTests
{
    [Fact]
    public void ReadsIdentityOwnerHealthAndRestartsFromJson()
    {
        var pod = PodView.From(Obj("""
        {
          "metadata": { "name": "web-abcde", "namespace": "prod", "uid": "u1", "labels": { "app": "web" },
            "annotations": { "controller.kubernetes.io/pod-deletion-cost": "-5" },
            "creationTimestamp": "2025-01-01T11:00:00Z", "finalizers": ["batch.kubernetes.io/job-tracking"],
            "ownerReferences": [ { "kind": "Other", "uid": "x" }, { "kind": "ReplicaSet", "name": "web", "uid": "rs1", "controller": true } ] },
          "spec": { "nodeName": "node-a" },
          "status": { "phase": "Running",
            "conditions": [ { "type": "Ready", "status": "True", "lastTransitionTime": "2025-01-01T11:30:00Z" } ],
            "initContainerStatuses": [ { "restartCount": 1 } ],
            "containerStatuses": [ { "restartCount": 2 }, { "restartCount": 4 } ] }
        }
        """));
        Assert.Equal(("web-abcde", "prod", "u1", "prod/web-abcde"), (pod.Name, pod.Namespace, pod.Uid, pod.Key));
        Assert.Equal("rs1", pod.ControllerUid);
        Assert.Equal(("Running", true, "node-a"), (pod.Phase, pod.Ready, pod.NodeName));
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 11, 30, 0, TimeSpan.Zero), pod.ReadySince);
        Assert.Equal((7, 4, -5), (pod.RestartCount, pod.MaxRestartCount, pod.DeletionCost));
        Assert.True(pod.HasFinalizer("batch.kubernetes.io/job-tracking"));
        Assert.True(pod.IsActive);
    }

    [Fact]
    public void ANotReadyOrUnknownPodHasNoReadySinceAndAPinnedDaemonPodHasATargetNode()
    {
        var pod = PodView.From(Obj("""
        {
          "metadata": { "name": "ds-1", "namespace": "kube-system", "deletionTimestamp": "2025-01-01T12:00:00Z" },
          "spec": { "affinity": { "nodeAffinity": { "requiredDuringSchedulingIgnoredDuringExecution": { "nodeSelectorTerms": [
            { "matchFields": [ { "key": "metadata.name", "operator": "In", "values": ["node-b"] } ] } ] } } } },
          "status": { "phase": "Pending", "conditions": [ { "type": "Ready", "status": "Unknown", "lastTransitionTime": "2025-01-01T11:30:00Z" } ] }
        }
        """));
        Assert.False(pod.Ready);
        Assert.Null(pod.ReadySince);
        Assert.True(pod.ReadyUnknown);
        Assert.Equal(("", "node-b"), (pod.NodeName, pod.TargetNodeName));
        Assert.Null(pod.ControllerUid);
        Assert.False(pod.IsActive);
        Assert.True(pod.IsTerminating);
    }

    [Theory]
    [InlineData(PodView.Running, false, true)]
    [InlineData(PodView.Pending, false, true)]
    [InlineData(PodView.Unknown, false, true)]
    [InlineData(PodView.Succeeded, false, false)]
    [InlineData(PodView.Failed, false, false)]
    [InlineData(PodView.Running, true, false)]
    public void ActiveMeansNotTerminalAndNotDeleting(string phase, bool deleting, bool active) =>
        Assert.Equal(active, Pod("p", phase: phase, deleting: deleting).IsActive);

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(10, 11, true)]
    [InlineData(10, 10, false)]
    [InlineData(10, 9, false)]
    public void AvailableOnceReadyForStrictlyMoreThanMinReadySeconds(int minReadySeconds, int readyFor, bool available) =>
        Assert.Equal(available, Pod("p", readySince: T0.AddSeconds(-readyFor)).IsAvailable(minReadySeconds, T0));

    [Fact]
    public void ANotReadyPodIsNeverAvailable() => Assert.False(Pod("p", ready: false).IsAvailable(0, T0));
}
