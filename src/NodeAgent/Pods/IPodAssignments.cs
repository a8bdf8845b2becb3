using System.Text.Json.Nodes;

namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>The pods the control plane has bound to this node, as the node session hands them to the pod lifecycle.</summary>
public interface IPodAssignments
{
    /// <summary>The complete set (level-based): pods not in it are stopped and removed.</summary>
    void Sync(IReadOnlyList<JsonObject> assignedPods);

    /// <summary>One pod changed.</summary>
    void Upsert(JsonObject pod);

    /// <summary>One pod is no longer bound here.</summary>
    void Forget(string ns, string name);
}
