using System.Text.Json.Nodes;

namespace ActorOrchestrator.Gateway.Discovery;

/// <summary>A kind within one version of one API group; the group is empty for the core group.</summary>
public sealed record GroupVersionKind(string Group, string Version, string Kind)
{
    /// <summary>The <c>{group, version, kind}</c> object discovery and OpenAPI use (group always present, even empty).</summary>
    public JsonObject ToJson() => new() { ["group"] = Group, ["version"] = Version, ["kind"] = Kind };
}
