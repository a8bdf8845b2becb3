using System.Text.Json.Nodes;

namespace ActorOrchestrator.UnitTests.Api.Protobuf.Kubectl;

/// <summary>
/// Just enough legacy (non-aggregated) discovery for kubectl to map the resources these tests
/// name: drain looks for pods/eviction, auth can-i resolves its resource argument.
/// </summary>
internal static class FakeDiscovery
{
    // group/version → resources as "name:Kind[:cluster]"; subresources name their target group/version.
    private static readonly Dictionary<string, string[]> Resources = new()
    {
        ["v1"] = ["namespaces:Namespace:cluster", "nodes:Node:cluster", "pods:Pod", "services:Service",
            "serviceaccounts:ServiceAccount", "configmaps:ConfigMap", "secrets:Secret", "resourcequotas:ResourceQuota"],
        ["apps/v1"] = ["deployments:Deployment", "replicasets:ReplicaSet"],
        ["batch/v1"] = ["jobs:Job", "cronjobs:CronJob"],
        ["rbac.authorization.k8s.io/v1"] = ["roles:Role", "rolebindings:RoleBinding",
            "clusterroles:ClusterRole:cluster", "clusterrolebindings:ClusterRoleBinding:cluster"],
        ["policy/v1"] = ["poddisruptionbudgets:PodDisruptionBudget"],
        ["scheduling.k8s.io/v1"] = ["priorityclasses:PriorityClass:cluster"],
        ["networking.k8s.io/v1"] = ["ingresses:Ingress"],
        ["authorization.k8s.io/v1"] = ["selfsubjectaccessreviews:SelfSubjectAccessReview:cluster"],
        ["authentication.k8s.io/v1"] = ["tokenreviews:TokenReview:cluster"],
    };

    /// <summary>The discovery document for a path, or null when the path is not a discovery path.</summary>
    public static JsonObject? For(string path)
    {
        if (path == "/api")
        {
            return new JsonObject { ["kind"] = "APIVersions", ["versions"] = new JsonArray("v1") };
        }
        if (path == "/apis")
        {
            var groups = new JsonArray();
            foreach (var groupVersion in Resources.Keys.Where(gv => gv.Contains('/')))
            {
                var version = new JsonObject { ["groupVersion"] = groupVersion, ["version"] = "v1" };
                groups.Add(new JsonObject
                {
                    ["name"] = groupVersion.Split('/')[0],
                    ["versions"] = new JsonArray(version),
                    ["preferredVersion"] = version.DeepClone(),
                });
            }
            return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
        }
        var key = path == "/api/v1" ? "v1" : path.StartsWith("/apis/") ? path["/apis/".Length..] : null;
        return key is not null && Resources.TryGetValue(key, out var resources) ? ResourceList(key, resources) : null;
    }

    private static JsonObject ResourceList(string groupVersion, string[] resources)
    {
        var list = new JsonArray();
        foreach (var resource in resources)
        {
            var parts = resource.Split(':');
            list.Add(Resource(parts[0], parts[1], namespaced: parts.Length < 3, "get", "list", "create", "update", "patch", "delete"));
        }
        if (groupVersion == "v1")
        {
            // drain checks that the eviction subresource exists and which policy version it takes.
            var eviction = Resource("pods/eviction", "Eviction", namespaced: true, "create");
            eviction["group"] = "policy";
            eviction["version"] = "v1";
            list.Add(eviction);
            var token = Resource("serviceaccounts/token", "TokenRequest", namespaced: true, "create");
            token["group"] = "authentication.k8s.io";
            token["version"] = "v1";
            list.Add(token);
        }
        return new JsonObject { ["kind"] = "APIResourceList", ["apiVersion"] = "v1", ["groupVersion"] = groupVersion, ["resources"] = list };
    }

    private static JsonObject Resource(string name, string kind, bool namespaced, params string[] verbs) => new()
    {
        ["name"] = name,
        ["singularName"] = "",
        ["namespaced"] = namespaced,
        ["kind"] = kind,
        ["verbs"] = new JsonArray(verbs.Select(v => (JsonNode)v!).ToArray()),
    };
}
