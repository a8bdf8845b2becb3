using System.Text.Json.Nodes;
using ActorOrchestrator.Grains.Scheduling;

namespace ActorOrchestrator.UnitTests.Grains;

[Trait("Category", "Unit")]
public sealed class SchedulingDecisionTests
{
    private static readonly ResourceAmounts Roomy = new(4000, 8L << 30, 110);

    [Fact]
    public void APodWithANodeSelectorGoesToTheNodeWithTheLabel()
    {
        var nodes = new[] { Node("plain"), Node("gpu", labels: new() { ["gpu"] = "true" }) };
        var outcome = SchedulingDecision.Choose(Pod(nodeSelector: new() { ["gpu"] = "true" }), nodes);
        Assert.Equal("gpu", outcome.Node);
    }

    [Fact]
    public void NoMatchingNodeExplainsWhyLikeKubeScheduler()
    {
        var nodes = new[] { Node("a"), Node("b", unschedulable: true), Node("c", ready: false) };
        var outcome = SchedulingDecision.Choose(Pod(nodeSelector: new() { ["gpu"] = "true" }), nodes);
        Assert.Null(outcome.Node);
        Assert.Equal("0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) were not ready, 1 node(s) were unschedulable.", outcome.Reason);
    }

    [Fact]
    public void TaintsKeepPodsAwayUnlessTolerated()
    {
        var tainted = Node("tainted", taints: [new NodeTaint("dedicated", "db", "NoSchedule")]);
        Assert.Null(SchedulingDecision.Choose(Pod(), [tainted]).Node);
        var tolerating = Pod(tolerations: new JsonArray(new JsonObject { ["key"] = "dedicated", ["operator"] = "Equal", ["value"] = "db", ["effect"] = "NoSchedule" }));
        Assert.Equal("tainted", SchedulingDecision.Choose(tolerating, [tainted]).Node);
        var wildcard = Pod(tolerations: new JsonArray(new JsonObject { ["operator"] = "Exists" }));
        Assert.Equal("tainted", SchedulingDecision.Choose(wildcard, [tainted]).Node);
    }

    [Fact]
    public void RequestsMustFitWhatIsLeft()
    {
        var small = Node("small", allocatable: new ResourceAmounts(1000, 1L << 30, 110), requested: new ResourceAmounts(800, 0, 1));
        var outcome = SchedulingDecision.Choose(Pod(cpu: "500m"), [small]);
        Assert.Equal("0/1 nodes are available: 1 Insufficient cpu.", outcome.Reason);
        Assert.Equal("small", SchedulingDecision.Choose(Pod(cpu: "200m"), [small]).Node);
    }

    [Fact]
    public void PodsOfOneOwnerSpreadAcrossNodes()
    {
        var busy = Node("busy", perOwner: new() { ["rs-1"] = 2 });
        var idle = Node("idle");
        Assert.Equal("idle", SchedulingDecision.Choose(Pod(owner: "rs-1"), [busy, idle]).Node);
    }

    [Fact]
    public void AssumedBindingsCountUntilTheNodeReportsThem()
    {
        var view = new SchedulerNodeView(Summary("n", Roomy, default, new Dictionary<string, int>()));
        view.Assume("default/p1", new ResourceAmounts(100, 0, 1), "rs-1");
        Assert.Equal(1, view.PodsOf("rs-1"));
        Assert.Equal(1, view.Requested.Pods);
        view.Update(Summary("n", Roomy, new ResourceAmounts(100, 0, 1), new Dictionary<string, int> { ["rs-1"] = 1 }, ["default/p1"]));
        Assert.Equal(1, view.PodsOf("rs-1"));
        Assert.Equal(1, view.Requested.Pods);
    }

    [Fact]
    public void CordonedNodesTakeOnlyPodsThatTolerateIt()
    {
        var cordoned = Node("cordoned", unschedulable: true);
        var daemon = Pod(tolerations: new JsonArray(new JsonObject { ["key"] = "node.kubernetes.io/unschedulable", ["operator"] = "Exists", ["effect"] = "NoSchedule" }));
        Assert.Equal("cordoned", SchedulingDecision.Choose(daemon, [cordoned]).Node);
    }

    private static SchedulerNodeView Node(string name, Dictionary<string, string>? labels = null, bool ready = true, bool unschedulable = false,
        NodeTaint[]? taints = null, ResourceAmounts? allocatable = null, ResourceAmounts requested = default, Dictionary<string, int>? perOwner = null) =>
        new(new NodeSummary(name, labels ?? [], taints ?? [], ready, unschedulable, allocatable ?? Roomy, requested,
            perOwner ?? [], new HashSet<string>(), 1));

    private static NodeSummary Summary(string name, ResourceAmounts allocatable, ResourceAmounts requested, Dictionary<string, int> perOwner, string[]? pods = null) =>
        new(name, new Dictionary<string, string>(), [], true, false, allocatable, requested, perOwner, (pods ?? []).ToHashSet(), 2);

    private static JsonObject Pod(Dictionary<string, string>? nodeSelector = null, JsonArray? tolerations = null, string? cpu = null, string? owner = null)
    {
        var container = new JsonObject { ["name"] = "main", ["image"] = "taodaling/kubia" };
        if (cpu is not null) container["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = cpu } };
        var spec = new JsonObject { ["containers"] = new JsonArray(container) };
        if (nodeSelector is not null) spec["nodeSelector"] = new JsonObject(nodeSelector.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        if (tolerations is not null) spec["tolerations"] = tolerations;
        var metadata = new JsonObject { ["name"] = "p", ["namespace"] = "default" };
        if (owner is not null) metadata["ownerReferences"] = new JsonArray(new JsonObject { ["uid"] = owner, ["controller"] = true });
        return new JsonObject { ["metadata"] = metadata, ["spec"] = spec };
    }
}
