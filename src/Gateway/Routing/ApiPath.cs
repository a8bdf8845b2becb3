using ActorOrchestrator.Api.Resources;

namespace ActorOrchestrator.Gateway.Routing;

/// <summary>
/// What a resource URL names: <c>/api/v1/namespaces/default/pods/kubia/log</c> is the <c>log</c>
/// subresource of pod <c>kubia</c> in <c>default</c>, asked for in version <c>v1</c>.
/// </summary>
/// <param name="Namespace">The namespace in the URL; null for cluster-scoped resources and for lists across namespaces.</param>
/// <param name="Name">The object's name; null for collections.</param>
/// <param name="Subresource">e.g. <c>status</c>, <c>scale</c>, <c>log</c>; null for the object itself.</param>
public sealed record ApiPath(ResourceType Type, string Version, string? Namespace, string? Name, string? Subresource)
{
    public bool IsCollection => Name is null;

    /// <summary>The apiVersion the client asked for (objects are answered in it).</summary>
    public string ApiVersion => Type.ApiVersionOf(Version);

    /// <summary>The namespace the object lives in, '' for cluster-scoped objects.</summary>
    public string StorageNamespace => Type.Namespaced ? Namespace ?? "" : "";
}
