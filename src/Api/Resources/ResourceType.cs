namespace ActorOrchestrator.Api.Resources;

/// <summary>
/// One kind of API object as discovery, routing and storage see it.
/// </summary>
/// <param name="Group">API group; empty for the core group.</param>
/// <param name="Version">The version objects are stored and converted to.</param>
/// <param name="ServedVersions">Every version the Gateway serves; the first is the preferred one.</param>
/// <param name="Kind">The object's kind, e.g. <c>Pod</c>.</param>
/// <param name="Plural">The resource name in URLs, e.g. <c>pods</c>.</param>
/// <param name="Singular">The singular name kubectl accepts, e.g. <c>pod</c>.</param>
/// <param name="Namespaced">Whether objects live in a namespace.</param>
/// <param name="ShortNames">Abbreviations kubectl resolves, e.g. <c>po</c>.</param>
/// <param name="Categories">Discovery categories; <c>all</c> decides what <c>kubectl get all</c> shows.</param>
/// <param name="Subresources">Served subresources, e.g. <c>status</c>, <c>scale</c>, <c>log</c>.</param>
/// <param name="ModelType">The KubernetesClient model used for strict decoding and the OpenAPI schema.</param>
public sealed record ResourceType(
    string Group,
    string Version,
    IReadOnlyList<string> ServedVersions,
    string Kind,
    string Plural,
    string Singular,
    bool Namespaced,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Subresources,
    Type ModelType)
{
    /// <summary>The key objects of this type are stored under: <c>pods</c>, <c>replicasets.apps</c>.</summary>
    public string StorageKey => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The apiVersion string of the storage version: <c>v1</c>, <c>apps/v1</c>.</summary>
    public string ApiVersion => ApiVersionOf(Version);

    /// <summary>The apiVersion string for one of the served versions.</summary>
    public string ApiVersionOf(string version) => Group.Length == 0 ? version : $"{Group}/{version}";

    /// <summary>The verbs every resource supports; discovery lists them.</summary>
    public static IReadOnlyList<string> StandardVerbs { get; } =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public bool Serves(string version) => ServedVersions.Contains(version);

    public override string ToString() => StorageKey;
}
