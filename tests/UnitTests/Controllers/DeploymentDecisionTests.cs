using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Grains.Controllers;
using ActorOrchestrator.UnitTests.Api;
using static ActorOrchestrator.UnitTests.Controllers.DeploymentFixtures;
using static ActorOrchestrator.UnitTests.Controllers.Fixtures;

namespace ActorOrchestrator.UnitTests.Controllers;

[Trait("Category", "Unit")]
public sealed class DeploymentDecisionTests
{
    [Theory]
    [InlineData(10, "25%", "25%", 3, 2)]
    [InlineData(3, "25%", "25%", 1, 0)]
    [InlineData(1, "25%", "25%", 1, 0)]
    [InlineData(4, "0%", "1%", 0, 1)]
    [InlineData(5, "2", "10", 2, 5)]
    [InlineData(10, "0", "0", 0, 1)]
    public void SurgeRoundsUpUnavailabilityDownAndNeverBothZero(int replicas, string surge, string unavailable, int expectedSurge, int expectedUnavailable)
    {
        JsonNode Value(string v) => v.EndsWith('%') ? JsonValue.Create(v) : JsonValue.Create(int.Parse(v, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((expectedSurge, expectedUnavailable), DeploymentDecision.Fenceposts(Deployment(replicas, maxSurge: Value(surge), maxUnavailable: Value(unavailable))));
    }

    [Fact]
    public void AFirstRolloutCreatesTheReplicaSetNamedByTemplateHash()
    {
        var d = Deployment(3);
        var plan = Run(d);
        var rs = plan.CreateReplicaSet!;
        var hash = TemplateHash.Compute((JsonObject)d.Spec()!["template"]!);
        Assert.Matches("^[bcdfghjklmnpqrstvwxz2456789]+$", hash);
        Assert.Equal($"kubia-{hash}", rs.Name());
        Assert.Equal(3, Replicas(rs));
        Assert.Equal(hash, rs.Spec().Str("selector", "matchLabels", "pod-template-hash"));
        Assert.Equal(hash, rs.Spec().Str("template", "metadata", "labels", "pod-template-hash"));
        Assert.Equal(hash, rs.Labels()["pod-template-hash"]);
        Assert.Equal(("1", "3", "4"), (rs.Annotations()["deployment.kubernetes.io/revision"], rs.Annotations()["deployment.kubernetes.io/desired-replicas"], rs.Annotations()["deployment.kubernetes.io/max-replicas"]));
        Assert.Equal("d-uid", PodView.ControllerOf(rs)!.Uid);
        Assert.Equal("1", plan.Revision);
        Assert.Equal([ControllerEvent.Normal("ScalingReplicaSet", $"Scaled up replica set kubia-{hash} to 3")], plan.Events);
        var progressing = StatusConditions.Find(plan.Status, "Progressing")!;
        Assert.Equal(("NewReplicaSetCreated", $"Created new replica set \"kubia-{hash}\""), (progressing.Text("reason"), progressing.Text("message")));
    }

    [Fact]
    public void TheHashIsStableAndIgnoresItsOwnLabel()
    {
        var template = (JsonObject)Deployment().Spec()!["template"]!;
        var labelled = template.Clone();
        labelled["metadata"]!["labels"]!["pod-template-hash"] = "whatever";
        Assert.Equal(TemplateHash.Compute(template), TemplateHash.Compute(labelled));
        Assert.NotEqual(TemplateHash.Compute(template), TemplateHash.Compute(template, collisionCount: 1));
        Assert.NotEqual(TemplateHash.Compute(template), TemplateHash.Compute(Obj("""{ "metadata": { "labels": { "app": "other" } } }""")));
    }

    [Fact]
    public void ATemplateChangeSurgesTheNewReplicaSetFirst()
    {
        var d = Deployment(3, image: "nginx:2", generation: 2);
        var old = OwnedReplicaSet(d, "nginx:1", replicas: 3, available: 3, revision: 1, ageMinutes: 60);
        var plan = Run(d, old);
        Assert.Equal(1, Replicas(plan.CreateReplicaSet!));
        Assert.Equal("2", plan.CreateReplicaSet!.Annotations()["deployment.kubernetes.io/revision"]);
        Assert.Empty(plan.UpdateReplicaSets);
    }

    [Fact]
    public void OldReplicasGoOnlyAsNewOnesBecomeAvailable()
    {
        var d = Deployment(3, image: "nginx:2", generation: 2);
        var old = OwnedReplicaSet(d, "nginx:1", replicas: 3, available: 3, revision: 1, ageMinutes: 60);
        var waiting = Run(d, old, OwnedReplicaSet(d, "nginx:2", replicas: 1, available: 0, revision: 2, ageMinutes: 1));
        Assert.Empty(waiting.UpdateReplicaSets);

        var plan = Run(d, old, OwnedReplicaSet(d, "nginx:2", replicas: 1, available: 1, revision: 2, ageMinutes: 1));
        var scaled = Assert.Single(plan.UpdateReplicaSets);
        Assert.Equal((old.Name(), 2), (scaled.Name(), Replicas(scaled)));
        Assert.Equal([ControllerEvent.Normal("ScalingReplicaSet", $"Scaled down replica set {old.Name()} to 2 from 3")], plan.Events);
    }

    [Fact]
    public void RecreateScalesOldToZeroWaitsForItsPodsThenCreatesTheNewOne()
    {
        var d = Deployment(2, image: "nginx:2", strategy: "Recreate", generation: 2);
        var old = OwnedReplicaSet(d, "nginx:1", replicas: 2, available: 2, revision: 1, ageMinutes: 60);
        var first = Run(d, old);
        Assert.Equal(0, Replicas(Assert.Single(first.UpdateReplicaSets)));
        Assert.Null(first.CreateReplicaSet);

        var scaledDown = OwnedReplicaSet(d, "nginx:1", replicas: 0, available: 0, revision: 1, ageMinutes: 60);
        scaledDown["status"]!["replicas"] = 0;
        var stillRunning = new Dictionary<string, IReadOnlyList<PodView>> { [scaledDown.Uid()!] = [Pod("old-1", owner: scaledDown.Uid(), deleting: true)] };
        var waiting = DeploymentDecision.Compute(new DeploymentInput(d, [scaledDown], T0, stillRunning));
        Assert.Null(waiting.CreateReplicaSet);
        Assert.Equal("waiting for old pods to stop", waiting.Why);

        var gone = new Dictionary<string, IReadOnlyList<PodView>> { [scaledDown.Uid()!] = [Pod("old-1", owner: scaledDown.Uid(), phase: PodView.Succeeded)] };
        var plan = DeploymentDecision.Compute(new DeploymentInput(d, [scaledDown], T0, gone));
        Assert.Equal(2, Replicas(plan.CreateReplicaSet!));
    }

    [Fact]
    public void APausedDeploymentDoesNotRollOutButSaysItIsPaused()
    {
        var d = Deployment(3, image: "nginx:2", paused: true, generation: 2);
        var plan = Run(d, OwnedReplicaSet(d, "nginx:1", replicas: 3, available: 3, revision: 1, ageMinutes: 60));
        Assert.Null(plan.CreateReplicaSet);
        var progressing = StatusConditions.Find(plan.Status, "Progressing")!;
        Assert.Equal(("Unknown", "DeploymentPaused", "Deployment is paused"), (progressing.Text("status"), progressing.Text("reason"), progressing.Text("message")));
    }

    [Fact]
    public void ScalingDuringARolloutIsSpreadInProportion()
    {
        var d = Deployment(20, image: "nginx:2", maxSurge: 2, maxUnavailable: 2, generation: 3);
        var old = OwnedReplicaSet(d, "nginx:1", replicas: 6, available: 6, revision: 1, ageMinutes: 60, maxReplicas: 12);
        var current = OwnedReplicaSet(d, "nginx:2", replicas: 4, available: 4, revision: 2, ageMinutes: 5, maxReplicas: 12);
        old["metadata"]!["annotations"]!["deployment.kubernetes.io/desired-replicas"] = "10";
        current["metadata"]!["annotations"]!["deployment.kubernetes.io/desired-replicas"] = "10";
        var plan = Run(d, old, current);
        var sizes = plan.UpdateReplicaSets.ToDictionary(rs => rs.Name()!, Replicas);
        Assert.Equal(15, sizes[old.Name()!]);
        Assert.Equal(7, sizes[current.Name()!]);
        Assert.Contains(ControllerEvent.Normal("ScalingReplicaSet", $"Scaled up replica set {old.Name()} to 15 from 6"), plan.Events);
        Assert.All(plan.UpdateReplicaSets, rs => Assert.Equal("22", rs.Annotations()["deployment.kubernetes.io/max-replicas"]));
    }

    [Fact]
    public void UndoingToAnOldRevisionReusesItsReplicaSetWithTheNextRevision()
    {
        // kubectl rollout undo patches revision 1's template back into the Deployment; the controller does the rest.
        var d = Deployment(2, image: "nginx:1", generation: 3);
        var first = OwnedReplicaSet(d, "nginx:1", replicas: 0, available: 0, revision: 1, ageMinutes: 60);
        var second = OwnedReplicaSet(d, "nginx:2", replicas: 2, available: 2, revision: 2, ageMinutes: 30);
        var plan = Run(d, first, second);
        Assert.Null(plan.CreateReplicaSet);
        var reused = plan.UpdateReplicaSets.Single(rs => rs.Name() == first.Name());
        Assert.Equal(("3", "1"), (reused.Annotations()["deployment.kubernetes.io/revision"], reused.Annotations()["deployment.kubernetes.io/revision-history"]));
        Assert.Equal(1, Replicas(reused));
        Assert.Equal("3", plan.Revision);
    }

    [Fact]
    public void OldRevisionsBeyondTheHistoryLimitAreDeletedOnceComplete()
    {
        var complete = Obj("""{ "observedGeneration": 5, "replicas": 1, "updatedReplicas": 1, "availableReplicas": 1, "readyReplicas": 1 }""");
        var d = Deployment(1, image: "v9", generation: 5, status: complete, revisionHistoryLimit: 2);
        var sets = Enumerable.Range(1, 4).Select(i => OwnedReplicaSet(d, $"v{i}", replicas: 0, available: 0, revision: i, ageMinutes: 100 - i)).ToList();
        foreach (var rs in sets) rs["status"]!["replicas"] = 0;
        sets.Add(OwnedReplicaSet(d, "v9", replicas: 1, available: 1, revision: 5, ageMinutes: 1));
        var plan = Run(d, [.. sets]);
        Assert.Equal([sets[0].Name()!, sets[1].Name()!], plan.DeleteReplicaSets);
    }

    [Fact]
    public void NoProgressPastTheDeadlineIsReported()
    {
        var stale = Obj($$"""
        { "observedGeneration": 2, "replicas": 4, "updatedReplicas": 1, "readyReplicas": 3, "availableReplicas": 3,
          "conditions": [ { "type": "Progressing", "status": "True", "reason": "ReplicaSetUpdated", "message": "x",
            "lastUpdateTime": "{{Timestamps.Format(T0.AddMinutes(-11))}}", "lastTransitionTime": "{{Timestamps.Format(T0.AddMinutes(-11))}}" } ] }
        """);
        var d = Deployment(3, image: "nginx:2", generation: 2, status: stale);
        var newRs = OwnedReplicaSet(d, "nginx:2", replicas: 1, available: 0, revision: 2, ageMinutes: 11);
        var plan = Run(d, OwnedReplicaSet(d, "nginx:1", replicas: 3, available: 3, revision: 1, ageMinutes: 60), newRs);
        var progressing = StatusConditions.Find(plan.Status, "Progressing")!;
        Assert.Equal(("False", "ProgressDeadlineExceeded", $"ReplicaSet \"{newRs.Name()}\" has timed out progressing."),
            (progressing.Text("status"), progressing.Text("reason"), progressing.Text("message")));
    }

    [Fact]
    public void ACompletedRolloutReportsSuccessAndAvailability()
    {
        var d = Deployment(2, image: "nginx:2", generation: 2);
        var newRs = OwnedReplicaSet(d, "nginx:2", replicas: 2, available: 2, revision: 2, ageMinutes: 5);
        var plan = Run(d, newRs);
        Json.Equal("""{ "observedGeneration": 2, "replicas": 2, "updatedReplicas": 2, "readyReplicas": 2, "availableReplicas": 2 }""",
            new JsonObject(plan.Status.Where(p => p.Key != "conditions").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))));
        Assert.Equal("NewReplicaSetAvailable", StatusConditions.Find(plan.Status, "Progressing")!.Text("reason"));
        Assert.Equal($"ReplicaSet \"{newRs.Name()}\" has successfully progressed.", StatusConditions.Find(plan.Status, "Progressing")!.Text("message"));
        var available = StatusConditions.Find(plan.Status, "Available")!;
        Assert.Equal(("True", "MinimumReplicasAvailable", "Deployment has minimum availability."), (available.Text("status"), available.Text("reason"), available.Text("message")));
    }

    [Fact]
    public void SelectingEverythingIsRefused()
    {
        var d = Deployment();
        d.Spec()!["selector"] = new JsonObject();
        var plan = Run(d);
        Assert.Null(plan.CreateReplicaSet);
        Assert.Equal([ControllerEvent.Warning("SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.")], plan.Events);
    }
}
