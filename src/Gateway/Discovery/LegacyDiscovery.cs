using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Resources;

namespace ActorOrchestrator.Gateway.Discovery;

/// <summary>
/// Plain <c>application/json</c> discovery, for clients that do not ask for the aggregated form:
/// <c>/api</c> → APIVersions, <c>/apis</c> → APIGroupList, <c>/apis/{group}</c> → APIGroup,
/// <c>/api/v1</c> and <c>/apis/{group}/{version}</c> → APIResourceList, where subresources are
/// separate entries named <c>pods/log</c>.
/// </summary>
public static class LegacyDiscovery
{
    /// <summary>
    /// <c>GET /api</c>. <paramref name="serverAddress"/> (<c>host:port</c>) is where clients should
    /// reach the API; Kubernetes publishes it for every client network.
    /// </summary>
    public static JsonObject ApiVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject
        {
            ["clientCIDR"] = "0.0.0.0/0",
            ["serverAddress"] = serverAddress,
        }),
    };

    /// <summary><c>GET /apis</c>: every named group with its versions, preferred first.</summary>
    public static JsonObject ApiGroupList() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. ResourceRegistry.Groups.Select(g => GroupBody(g.Group, g.Versions))]),
    };

    /// <summary><c>GET /apis/{group}</c>, or null for a group that is not served.</summary>
    public static JsonObject? ApiGroup(string group)
    {
        var served = ResourceRegistry.Groups.FirstOrDefault(g => g.Group == group);
        if (served.Versions is null) return null;
        var body = GroupBody(served.Group, served.Versions);
        var result = new JsonObject { ["kind"] = "APIGroup", ["apiVersion"] = "v1" };
        foreach (var (key, value) in body) result[key] = value?.DeepClone();
        return result;
    }

    /// <summary>
    /// <c>GET /api/v1</c> (group "") or <c>GET /apis/{group}/{version}</c>, or null for a
    /// group-version that is not served.
    /// </summary>
    public static JsonObject? ApiResourceList(string group, string version)
    {
        var types = ResourceRegistry.InGroupVersion(group, version).ToList();
        if (types.Count == 0) return null;
        var entries = types.SelectMany(t => Entries(t, group, version))
            .OrderBy(e => e["name"]!.GetValue<string>(), StringComparer.Ordinal);
        var result = new JsonObject { ["kind"] = "APIResourceList" };
        // kube-apiserver leaves apiVersion out of the core list only; mirror it.
        if (group.Length > 0) result["apiVersion"] = "v1";
        result["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}";
        result["resources"] = new JsonArray([.. entries]);
        return result;
    }

    private static JsonObject GroupBody(string group, IReadOnlyList<string> versions)
    {
        JsonObject VersionEntry(string v) => new() { ["groupVersion"] = $"{group}/{v}", ["version"] = v };
        return new JsonObject
        {
            ["name"] = group,
            ["versions"] = new JsonArray([.. versions.Select(VersionEntry)]),
            ["preferredVersion"] = VersionEntry(versions[0]),
        };
    }

    private static IEnumerable<JsonObject> Entries(ResourceType type, string group, string version)
    {
        var resource = new JsonObject
        {
            ["name"] = type.Plural,
            ["singularName"] = type.Singular,
            ["namespaced"] = type.Namespaced,
            ["kind"] = type.Kind,
            ["verbs"] = Strings(ResourceVerbs.Of(type)),
        };
        if (type.ShortNames.Count > 0) resource["shortNames"] = Strings(type.ShortNames);
        if (type.Categories.Count > 0) resource["categories"] = Strings(type.Categories);
        yield return resource;

        foreach (var sub in ResourceVerbs.Subresources(type, version))
        {
            var entry = new JsonObject
            {
                ["name"] = $"{type.Plural}/{sub.Name}",
                ["singularName"] = "",
                ["namespaced"] = type.Namespaced,
            };
            // group and version appear only when the subresource answers with another group-version's kind.
            if (sub.ResponseKind.Group != group || sub.ResponseKind.Version != version)
            {
                entry["group"] = sub.ResponseKind.Group;
                entry["version"] = sub.ResponseKind.Version;
            }
            entry["kind"] = sub.ResponseKind.Kind;
            entry["verbs"] = Strings(sub.Verbs);
            yield return entry;
        }
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
