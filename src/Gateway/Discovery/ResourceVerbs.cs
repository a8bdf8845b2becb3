using ActorOrchestrator.Api.Resources;

namespace ActorOrchestrator.Gateway.Discovery;

/// <summary>One subresource as discovery describes it: what it answers with and which verbs it takes.</summary>
public sealed record SubresourceInfo(string Name, GroupVersionKind ResponseKind, IReadOnlyList<string> Verbs);

/// <summary>
/// The verbs and response kinds Kubernetes publishes for resources and their subresources (as a
/// 1.32 kube-apiserver lists them in <c>/api/v1</c>). kubectl reads them: <c>scale</c> looks up the
/// Scale kind of <c>&lt;resource&gt;/scale</c>, <c>exec</c> and <c>port-forward</c> need
/// <c>create</c>, and <c>api-resources</c> prints them.
/// </summary>
public static class ResourceVerbs
{
    private static readonly string[] GetPatchUpdate = ["get", "patch", "update"];
    private static readonly string[] CreateGet = ["create", "get"];
    private static readonly string[] Create = ["create"];
    private static readonly string[] ProxyVerbs = ["create", "delete", "get", "patch", "update"];

    private static readonly GroupVersionKind Scale = new("autoscaling", "v1", "Scale");

    /// <summary>The verbs of the resource itself.</summary>
    public static IReadOnlyList<string> Of(ResourceType type) =>
        // Kubernetes serves no deletecollection for namespaces: emptying the cluster takes one delete per namespace.
        type == ResourceRegistry.Namespaces
            ? ResourceType.StandardVerbs.Where(v => v != "deletecollection").ToList()
            : ResourceType.StandardVerbs;

    /// <summary>How one subresource of <paramref name="type"/> is described in version <paramref name="version"/>.</summary>
    public static SubresourceInfo Subresource(ResourceType type, string version, string name)
    {
        var self = new GroupVersionKind(type.Group, version, type.Kind);
        return name switch
        {
            "status" or "ephemeralcontainers" or "resize" => new(name, self, GetPatchUpdate),
            // Answered with an autoscaling/v1 Scale whatever the parent's group; also for jobs,
            // which kubectl scales through /scale although Kubernetes itself has none.
            "scale" => new(name, Scale, GetPatchUpdate),
            "log" => new(name, self, ["get"]),
            "exec" => new(name, Core("PodExecOptions"), CreateGet),
            "attach" => new(name, Core("PodAttachOptions"), CreateGet),
            "portforward" => new(name, Core("PodPortForwardOptions"), CreateGet),
            "proxy" => new(name, Core(type.Kind + "ProxyOptions"), ProxyVerbs),
            "binding" => new(name, Core("Binding"), Create),
            "eviction" => new(name, new("policy", "v1", "Eviction"), Create),
            "token" => new(name, new("authentication.k8s.io", "v1", "TokenRequest"), Create),
            "finalize" => new(name, self, ["update"]),
            _ => new(name, self, ["get"]),
        };
    }

    /// <summary>Every subresource of <paramref name="type"/>, sorted by name as Kubernetes lists them.</summary>
    public static IReadOnlyList<SubresourceInfo> Subresources(ResourceType type, string version) =>
        type.Subresources.Order(StringComparer.Ordinal).Select(s => Subresource(type, version, s)).ToList();

    private static GroupVersionKind Core(string kind) => new("", "v1", kind);
}
