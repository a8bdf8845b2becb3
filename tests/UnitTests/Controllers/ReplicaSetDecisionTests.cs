using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Grains.Controllers;
using ActorOrchestrator.UnitTests.Api;
using static ActorOrchestrator.UnitTests.Controllers.Fixtures;

namespace ActorOrchestrator.UnitTests.Controllers;

[Trait("Category", "Unit")]
public sealed class ReplicaSetDecisionTests
{
    private static ReplicaSetPlan Run(JsonObject rs, IReadOnlyList<PodView> pods, Expectations? expectations = null, string? lastError = null, int burst = 500) =>
        ReplicaSetDecision.Compute(new ReplicaSetInput(rs, pods, expectations ?? Expectations.None, T0, BurstReplicas: burst, LastError: lastError));

    [Theory]
    [InlineData(0, 3, new[] { 1, 2 })]
    [InlineData(0, 7, new[] { 1, 2, 4 })]
    [InlineData(0, 10, new[] { 1, 2, 4, 3 })]
    [InlineData(2, 3, new[] { 1 })]
    public void CreatesTheShortfallInSlowStartBatches(int existing, int replicas, int[] batches)
    {
        var plan = Run(ReplicaSet(replicas), Enumerable.Range(0, existing).Select(i => Pod($"p{i}")).ToList());
        Assert.Equal(replicas - existing, plan.CreateCount);
        Assert.Equal(batches, plan.CreateBatches);
        Assert.Equal(replicas - existing, plan.Expectations.PendingCreates);
        Assert.Empty(plan.ToDelete);
    }

    [Fact]
    public void TheBurstLimitCapsOnePass()
    {
        var plan = Run(ReplicaSet(1000), [], burst: 500);
        Assert.Equal(500, plan.CreateCount);
        Assert.Equal(new[] { 1, 2, 4, 8, 16, 32, 64, 128, 245 }, plan.CreateBatches);
    }

    [Fact]
    public void ThePodToCreateComesFromTheTemplateAndNamesItsController()
    {
        var plan = Run(ReplicaSet(1), []);
        Json.Equal("""
        {
          "apiVersion": "v1", "kind": "Pod",
          "metadata": { "generateName": "web-rs-", "namespace": "default", "labels": { "app": "web", "tier": "front" },
            "ownerReferences": [ { "apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-rs", "uid": "rs-uid", "controller": true, "blockOwnerDeletion": true } ] },
          "spec": { "containers": [ { "name": "c", "image": "nginx" } ] }
        }
        """, plan.PodTemplate);
    }

    [Fact]
    public void DeletesTheLeastUsefulSurplusPodsAndSaysSo()
    {
        var pods = new[] { Pod("ready-old"), Pod("not-ready", ready: false), Pod("pending", phase: PodView.Pending, ready: false), Pod("ready-new", readySince: T0.AddSeconds(-5)) };
        var plan = Run(ReplicaSet(1), pods);
        Assert.Equal(["pending", "not-ready", "ready-new"], plan.ToDelete.Select(p => p.Name));
        Assert.Equal(["default/not-ready", "default/pending", "default/ready-new"], plan.Expectations.Deletes.Order());
        Assert.Equal(new ControllerEvent("Normal", "SuccessfulDelete", "Deleted pod: pending"), plan.Events[0]);
        Assert.Equal(0, plan.CreateCount);
    }

    [Fact]
    public void NothingIsDoneWhileExpectationsAreUnsatisfiedButStatusIsStillComputed()
    {
        var plan = Run(ReplicaSet(3), [Pod("a")], Pending(2));
        Assert.Equal(0, plan.CreateCount);
        Assert.Empty(plan.ToDelete);
        Assert.StartsWith("waiting to observe 2 create(s)", plan.Why);
        Assert.Equal(1, plan.Status.Num("replicas"));
    }

    [Fact]
    public void ExpiredExpectationsNoLongerBlock()
    {
        var plan = ReplicaSetDecision.Compute(new ReplicaSetInput(ReplicaSet(3), [Pod("a")], Pending(2), T0.AddMinutes(6)));
        Assert.Equal(2, plan.CreateCount);
        Assert.Equal(2, plan.Expectations.PendingCreates);
    }

    [Fact]
    public void AControllerBeingDeletedManagesNothing()
    {
        var plan = Run(ReplicaSet(3, deleting: true), [Pod("a", owner: null)]);
        Assert.Equal(0, plan.CreateCount);
        Assert.Empty(plan.ToAdopt);
    }

    [Fact]
    public void OrphansAreAdoptedAndCountTowardsReplicas()
    {
        var plan = Run(ReplicaSet(2), [Pod("mine"), Pod("orphan", owner: null), Pod("foreign", owner: "other")]);
        Assert.Equal(["orphan"], plan.ToAdopt.Select(p => p.Name));
        Assert.Equal(0, plan.CreateCount);
    }

    [Fact]
    public void InactivePodsDoNotCount()
    {
        var plan = Run(ReplicaSet(2), [Pod("ok"), Pod("done", phase: PodView.Succeeded), Pod("gone", deleting: true)]);
        Assert.Equal(1, plan.CreateCount);
    }

    [Fact]
    public void StatusCountsLabelsReadinessAndAvailability()
    {
        var rs = ReplicaSet(4, minReadySeconds: 30, generation: 7);
        var frontLabels = new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" };
        var pods = new[]
        {
            Pod("full-available", labels: frontLabels, readySince: T0.AddMinutes(-5)),
            Pod("full-just-ready", labels: frontLabels, readySince: T0.AddSeconds(-10)),
            Pod("partial-not-ready", ready: false),
        };
        var plan = Run(rs, pods);
        Json.Equal("""{ "replicas": 3, "fullyLabeledReplicas": 2, "readyReplicas": 2, "availableReplicas": 1, "observedGeneration": 7 }""", plan.Status);
        Assert.True(plan.StatusChanged);
        Assert.Equal(T0.AddSeconds(21), plan.NextWake);
    }

    [Fact]
    public void ZeroCountsAreOmittedLikeKubernetes()
    {
        var plan = Run(ReplicaSet(0), []);
        Json.Equal("""{ "replicas": 0, "observedGeneration": 1 }""", plan.Status);
    }

    [Fact]
    public void TheLastErrorBecomesAReplicaFailureConditionAndClearsWhenItStops()
    {
        var failing = Run(ReplicaSet(3), [Pod("a")], lastError: "pods \"web-rs-x\" is forbidden: exceeded quota");
        var condition = StatusConditions.Find(failing.Status, "ReplicaFailure")!;
        Assert.Equal(("True", "FailedCreate", "pods \"web-rs-x\" is forbidden: exceeded quota"), (condition.Text("status"), condition.Text("reason"), condition.Text("message")));

        var recovered = Run(ReplicaSet(3, status: failing.Status), [Pod("a"), Pod("b"), Pod("c")]);
        Assert.Null(StatusConditions.Find(recovered.Status, "ReplicaFailure"));
    }

    [Fact]
    public void AReplicationControllerUsesItsMapSelectorDefaultingToTemplateLabels()
    {
        var rc = Obj("""
        { "apiVersion": "v1", "kind": "ReplicationController",
          "metadata": { "name": "kubia", "namespace": "default", "uid": "rc-uid" },
          "spec": { "replicas": 3, "template": { "metadata": { "labels": { "app": "kubia" } }, "spec": { "containers": [] } } } }
        """);
        var kubia = new Dictionary<string, string> { ["app"] = "kubia" };
        var plan = ReplicaSetDecision.Compute(new ReplicaSetInput(rc, [Pod("kubia-1", owner: "rc-uid", labels: kubia), Pod("web", owner: null)], Expectations.None, T0));
        Assert.Equal(2, plan.CreateCount);
        Assert.Empty(plan.ToAdopt);
        Assert.Equal("kubia-", plan.PodTemplate.At("metadata", "generateName")!.GetValue<string>());
        Assert.Equal("ReplicationController", plan.PodTemplate.At("metadata", "ownerReferences")![0]!["kind"]!.GetValue<string>());
    }
}
