using System.Text.Json.Nodes;
using ActorOrchestrator.NodeAgent.Pods;

namespace ActorOrchestrator.NodeAgentTests.Pods;

/// <summary>Which updates of a pod are work for its worker: its own status coming back is not.</summary>
[Trait("Category", "Unit")]
public sealed class DesiredPodTests
{
    private static readonly JsonObject Original = TestPods.Simple("web", "luksa/kubia");

    [Fact]
    public void A_new_status_and_resource_version_ask_nothing_new()
    {
        var echo = Copy();
        echo["metadata"]!["resourceVersion"] = "42";
        echo["metadata"]!["managedFields"] = new JsonArray(new JsonObject { ["manager"] = "kubelet" });
        echo["status"] = new JsonObject { ["phase"] = "Running" };

        Assert.True(Parse(Original).SameDesireAs(echo));
    }

    [Theory]
    [InlineData("label")]
    [InlineData("deletion")]
    [InlineData("image")]
    public void A_changed_spec_or_metadata_does(string change)
    {
        var changed = Copy();
        switch (change)
        {
            case "label":
                changed["metadata"]!["labels"] = new JsonObject { ["app"] = "other" };
                break;
            case "deletion":
                changed["metadata"]!["deletionTimestamp"] = "2025-01-01T00:00:00Z";
                break;
            case "image":
                changed["spec"]!["containers"]![0]!["image"] = "taodaling/kubia";
                break;
        }

        Assert.False(Parse(Original).SameDesireAs(changed));
    }

    private static JsonObject Copy() => Original.DeepClone().AsObject();

    private static DesiredPod Parse(JsonObject json) => DesiredPod.TryParse(json.DeepClone().AsObject(), out var error) ?? throw new InvalidOperationException(error);
}
