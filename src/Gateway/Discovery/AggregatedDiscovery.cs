using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Resources;

namespace ActorOrchestrator.Gateway.Discovery;

/// <summary>
/// Aggregated discovery (<c>apidiscovery.k8s.io/v2</c>): all resources of all versions in one answer
/// to <c>GET /api</c> and one to <c>GET /apis</c>. kubectl recognises it only by the response
/// Content-Type <see cref="ContentType"/>, and only when both endpoints answer this way; otherwise
/// it falls back to <see cref="LegacyDiscovery"/> with one request per group-version.
/// </summary>
public static class AggregatedDiscovery
{
    /// <summary>The Content-Type the Gateway must send with these documents.</summary>
    public const string ContentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    /// <summary>The answer to <c>GET /api</c>: the core group alone, named "".</summary>
    public static JsonObject ForCoreGroup() => List([Group("", ["v1"])]);

    /// <summary>The answer to <c>GET /apis</c>: every named group, each with its versions, preferred first.</summary>
    public static JsonObject ForNamedGroups() =>
        List(ResourceRegistry.Groups.Select(g => Group(g.Group, g.Versions)).ToList());

    /// <summary>
    /// Whether an Accept header asks for aggregated discovery v2, e.g. kubectl's
    /// <c>application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,...,application/json</c>.
    /// </summary>
    public static bool IsRequestedBy(string? accept)
    {
        if (string.IsNullOrEmpty(accept)) return false;
        foreach (var mediaRange in accept.Split(','))
        {
            var parameters = mediaRange.Split(';').Skip(1)
                .Select(p => p.Split('=', 2))
                .Where(kv => kv.Length == 2)
                .ToDictionary(kv => kv[0].Trim(), kv => kv[1].Trim(), StringComparer.OrdinalIgnoreCase);
            if (parameters.GetValueOrDefault("g") == "apidiscovery.k8s.io" &&
                parameters.GetValueOrDefault("v") == "v2" &&
                parameters.GetValueOrDefault("as") == "APIGroupDiscoveryList")
            {
                return true;
            }
        }
        return false;
    }

    private static JsonObject List(IReadOnlyList<JsonObject> groups) => new()
    {
        ["kind"] = "APIGroupDiscoveryList",
        ["apiVersion"] = "apidiscovery.k8s.io/v2",
        ["metadata"] = new JsonObject(),
        ["items"] = new JsonArray([.. groups]),
    };

    private static JsonObject Group(string group, IReadOnlyList<string> versions) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = group },
        ["versions"] = new JsonArray([.. versions.Select(v => Version(group, v))]),
    };

    private static JsonObject Version(string group, string version) => new()
    {
        ["version"] = version,
        ["resources"] = new JsonArray([.. ResourceRegistry.InGroupVersion(group, version)
            .OrderBy(r => r.Plural, StringComparer.Ordinal)
            .Select(r => Resource(r, version))]),
        ["freshness"] = "Current",
    };

    private static JsonObject Resource(ResourceType type, string version)
    {
        var resource = new JsonObject
        {
            ["resource"] = type.Plural,
            ["responseKind"] = new GroupVersionKind(type.Group, version, type.Kind).ToJson(),
            ["scope"] = type.Namespaced ? "Namespaced" : "Cluster",
            ["singularResource"] = type.Singular,
            ["verbs"] = Strings(ResourceVerbs.Of(type)),
        };
        if (type.ShortNames.Count > 0) resource["shortNames"] = Strings(type.ShortNames);
        if (type.Categories.Count > 0) resource["categories"] = Strings(type.Categories);
        var subresources = ResourceVerbs.Subresources(type, version);
        if (subresources.Count > 0)
        {
            resource["subresources"] = new JsonArray([.. subresources.Select(s => new JsonObject
            {
                ["subresource"] = s.Name,
                ["responseKind"] = s.ResponseKind.ToJson(),
                ["verbs"] = Strings(s.Verbs),
            })]);
        }
        return resource;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
