using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Grains.Controllers;
using ActorOrchestrator.UnitTests.Api;
using static ActorOrchestrator.UnitTests.Controllers.Fixtures;

namespace ActorOrchestrator.UnitTests.Controllers;

[Trait("Category", "Unit")]
public sealed class DaemonSetDecisionTests
{
    private static JsonObject DaemonSet(string image = "agent:1", JsonObject? rollingUpdate = null, string? nodeSelector = null)
    {
        var ds = Obj($$"""
        { "apiVersion": "apps/v1", "kind": "DaemonSet",
          "metadata": { "name": "agent", "namespace": "kube-system", "uid": "ds-uid", "generation": 2 },
          "spec": { "selector": { "matchLabels": { "app": "agent" } },
            "template": { "metadata": { "labels": { "app": "agent" } }, "spec": { "containers": [ { "name": "a", "image": "{{image}}" } ] } } } }
        """);
        if (rollingUpdate is not null) ds.Spec()!["updateStrategy"] = new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = rollingUpdate };
        if (nodeSelector is not null) ds.Spec()!["template"]!["spec"]!["nodeSelector"] = new JsonObject { ["disk"] = nodeSelector };
        return ds;
    }

    private static JsonObject Node(string name, string? disk = null, bool cordoned = false, string? taint = null, string effect = "NoSchedule") =>
        Obj($$"""
        { "metadata": { "name": "{{name}}", "labels": { {{(disk is null ? "" : $"\"disk\": \"{disk}\"")}} } },
          "spec": { "unschedulable": {{(cordoned ? "true" : "false")}}, "taints": [ {{(taint is null ? "" : $"{{\"key\": \"{taint}\", \"effect\": \"{effect}\"}}")}} ] },
          "status": { "conditions": [ { "type": "Ready", "status": "False" } ] } }
        """);

    private static PodView DaemonPod(string name, string node, string hash, bool ready = true) =>
        Pod(name, owner: "ds-uid", node: node, ns: "kube-system", ready: ready, readySince: T0.AddMinutes(-5),
            labels: new Dictionary<string, string> { ["app"] = "agent", [TemplateHash.ControllerRevisionHashLabel] = hash });

    private static string Hash(JsonObject ds) => TemplateHash.Compute((JsonObject)ds.Spec()!["template"]!);

    [Fact]
    public void EveryEligibleNodeGetsOneBoundPodEvenCordonedOrNotReady()
    {
        var ds = DaemonSet(nodeSelector: "ssd");
        var nodes = new[] { Node("a", "ssd"), Node("b", "ssd", cordoned: true), Node("c", "hdd"), Node("d", "ssd", taint: "dedicated"), Node("e", "ssd", taint: "node.kubernetes.io/not-ready", effect: "NoExecute") };
        var plan = DaemonSetDecision.Compute(new DaemonSetInput(ds, nodes, [], Expectations.None, T0));
        Assert.Equal(["a", "b", "e"], plan.PodsToCreate.Select(p => p.Spec().Str("nodeName")));
        var pod = plan.PodsToCreate[0];
        Assert.Equal(Hash(ds), pod.Labels()[TemplateHash.ControllerRevisionHashLabel]);
        Assert.Equal("a", pod.Spec().At("affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms")![0]!["matchFields"]![0]!["values"]![0]!.GetValue<string>());
        Assert.Contains(pod.Spec().Objects("tolerations"), t => t.Text("key") == "node.kubernetes.io/unschedulable");
        Assert.Equal(3, plan.Status.Num("desiredNumberScheduled"));
        Assert.Equal(3, plan.Expectations.PendingCreates);
    }

    [Fact]
    public void PodsOnIneligibleNodesAndExtraPodsGo()
    {
        var ds = DaemonSet(nodeSelector: "ssd");
        var h = Hash(ds);
        var pods = new[] { DaemonPod("on-hdd", "c", h), DaemonPod("first", "a", h) with { CreationTimestamp = T0.AddHours(-2) }, DaemonPod("second", "a", h) };
        var plan = DaemonSetDecision.Compute(new DaemonSetInput(ds, [Node("a", "ssd"), Node("c", "hdd")], pods, Expectations.None, T0));
        Assert.Equal(["second", "on-hdd"], plan.ToDelete.Select(p => p.Name));
        Assert.Equal(1, plan.Status.Num("numberMisscheduled"));
    }

    [Fact]
    public void ARollingUpdateReplacesAtMostMaxUnavailablePodsAtATime()
    {
        var old = DaemonSet("agent:1");
        var ds = DaemonSet("agent:2", new JsonObject { ["maxUnavailable"] = 2 });
        var nodes = Enumerable.Range(0, 5).Select(i => Node($"n{i}")).ToArray();
        var pods = nodes.Select((n, i) => DaemonPod($"p{i}", n.Name()!, Hash(old))).ToArray();
        var plan = DaemonSetDecision.Compute(new DaemonSetInput(ds, nodes, pods, Expectations.None, T0));
        Assert.Equal(["p0", "p1"], plan.ToDelete.Select(p => p.Name));
        Assert.Empty(plan.PodsToCreate);
        Assert.False(plan.Status.ContainsKey("updatedNumberScheduled"));

        var onDelete = DaemonSet("agent:2");
        onDelete.Spec()!["updateStrategy"] = new JsonObject { ["type"] = "OnDelete" };
        Assert.Empty(DaemonSetDecision.Compute(new DaemonSetInput(onDelete, nodes, pods, Expectations.None, T0)).ToDelete);
    }

    [Fact]
    public void StatusCountsScheduledReadyUpdatedAndAvailable()
    {
        var ds = DaemonSet();
        var h = Hash(ds);
        var plan = DaemonSetDecision.Compute(new DaemonSetInput(ds, [Node("a"), Node("b"), Node("c")], [DaemonPod("p0", "a", h), DaemonPod("p1", "b", h, ready: false)], Expectations.None, T0));
        Json.Equal("""
        { "currentNumberScheduled": 2, "numberMisscheduled": 0, "desiredNumberScheduled": 3, "numberReady": 1, "observedGeneration": 2,
          "updatedNumberScheduled": 2, "numberAvailable": 1, "numberUnavailable": 2 }
        """, plan.Status);
    }
}

[Trait("Category", "Unit")]
public sealed class DependentsDecisionTests
{
    private static DependentView Dependent(string name, bool block = true, bool deleting = false, params string[] otherOwners) =>
        new("v1", "Pod", "default", name, $"uid-{name}",
            [new OwnerRef("apps/v1", "ReplicaSet", "rs", "owner", true, block), .. otherOwners.Select(o => new OwnerRef("v1", "X", o, o, false, false))], deleting, false);

    private static JsonObject Owner(params string[] finalizers)
    {
        var owner = Obj("""{ "metadata": { "name": "rs", "uid": "owner", "deletionTimestamp": "2025-01-01T12:00:00Z" } }""");
        owner.Metadata()["finalizers"] = new JsonArray([.. finalizers.Select(f => JsonValue.Create(f))]);
        return owner;
    }

    [Fact]
    public void BackgroundDeletesDependentsOnlyOnceTheOwnerIsGone()
    {
        var dependents = new[] { Dependent("a"), Dependent("shared", otherOwners: "live-owner") };
        Assert.Empty(DependentsDecision.Compute(new DependentsInput(Owner(), "owner", dependents)).Delete);
        var gone = DependentsDecision.Compute(new DependentsInput(null, "owner", dependents));
        Assert.Equal(["a"], gone.Delete.Select(d => d.Dependent.Name));
        Assert.Equal(["owner"], Assert.Single(gone.RemoveOwnerReferences).OwnerUids);
    }

    [Fact]
    public void ForegroundDeletesDependentsFirstAndReleasesTheOwnerWhenNoneBlocks()
    {
        var waiting = DependentsDecision.Compute(new DependentsInput(Owner(DependentsDecision.ForegroundFinalizer), "owner", [Dependent("a"), Dependent("b", block: false)]));
        Assert.Equal(["a", "b"], waiting.Delete.Select(d => d.Dependent.Name));
        Assert.Null(waiting.RemoveOwnerFinalizer);

        var stillTerminating = DependentsDecision.Compute(new DependentsInput(Owner(DependentsDecision.ForegroundFinalizer), "owner", [Dependent("a", deleting: true)]));
        Assert.Null(stillTerminating.RemoveOwnerFinalizer);
        var onlyNonBlocking = DependentsDecision.Compute(new DependentsInput(Owner(DependentsDecision.ForegroundFinalizer), "owner", [Dependent("b", block: false, deleting: true)]));
        Assert.Equal(DependentsDecision.ForegroundFinalizer, onlyNonBlocking.RemoveOwnerFinalizer);
    }

    [Fact]
    public void OrphanRemovesTheReferencesThenTheFinalizer()
    {
        var plan = DependentsDecision.Compute(new DependentsInput(Owner(DependentsDecision.OrphanFinalizer), "owner", [Dependent("a"), Dependent("b")]));
        Assert.Empty(plan.Delete);
        Assert.Equal(["a", "b"], plan.RemoveOwnerReferences.Select(r => r.Dependent.Name));
        Assert.Equal(DependentsDecision.OrphanFinalizer, plan.RemoveOwnerFinalizer);
    }
}
