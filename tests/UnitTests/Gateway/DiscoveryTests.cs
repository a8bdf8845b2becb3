using System.Text.Json.Nodes;
using ActorOrchestrator.Gateway.Discovery;

namespace ActorOrchestrator.UnitTests.Gateway;

public class DiscoveryTests
{
    private static readonly string[] KubectlAllResources = ["pods", "services", "replicationcontrollers", "replicasets", "daemonsets", "deployments", "jobs", "cronjobs"];

    private static IEnumerable<JsonObject> Resources(JsonObject list, string group, string version) =>
        list["items"]!.AsArray().Single(g => g!["metadata"]!["name"]!.GetValue<string>() == group)!["versions"]!.AsArray()
            .Single(v => v!["version"]!.GetValue<string>() == version)!["resources"]!.AsArray().Select(r => r!.AsObject());

    private static JsonObject Resource(string group, string version, string plural) =>
        Resources(group.Length == 0 ? AggregatedDiscovery.ForCoreGroup() : AggregatedDiscovery.ForNamedGroups(), group, version)
            .Single(r => r["resource"]!.GetValue<string>() == plural);

    private static string[] Strings(JsonNode? array) => array?.AsArray().Select(n => n!.GetValue<string>()).ToArray() ?? [];

    [Fact]
    public void Core_group_is_the_only_group_under_api_and_is_named_empty()
    {
        var api = AggregatedDiscovery.ForCoreGroup();
        Assert.Equal("APIGroupDiscoveryList", api["kind"]!.GetValue<string>());
        Assert.Equal("apidiscovery.k8s.io/v2", api["apiVersion"]!.GetValue<string>());
        var group = Assert.Single(api["items"]!.AsArray())!;
        Assert.Equal("", group["metadata"]!["name"]!.GetValue<string>());
        var version = Assert.Single(group["versions"]!.AsArray())!;
        Assert.Equal("v1", version["version"]!.GetValue<string>());
        Assert.Equal("Current", version["freshness"]!.GetValue<string>());
    }

    [Fact]
    public void Pods_are_described_completely()
    {
        var pods = Resource("", "v1", "pods");
        Assert.Equal("""{"group":"","version":"v1","kind":"Pod"}""", pods["responseKind"]!.ToJsonString());
        Assert.Equal("Namespaced", pods["scope"]!.GetValue<string>());
        Assert.Equal("pod", pods["singularResource"]!.GetValue<string>());
        Assert.Equal(["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"], Strings(pods["verbs"]));
        Assert.Equal(["po"], Strings(pods["shortNames"]));
        Assert.Equal(["all"], Strings(pods["categories"]));

        var subresources = pods["subresources"]!.AsArray().ToDictionary(s => s!["subresource"]!.GetValue<string>(), s => s!.AsObject());
        Assert.Equal(["attach", "binding", "eviction", "exec", "log", "portforward", "status"], subresources.Keys.ToArray());
        Assert.Equal(["get"], Strings(subresources["log"]["verbs"]));
        Assert.Equal("Pod", subresources["log"]["responseKind"]!["kind"]!.GetValue<string>());
        Assert.Equal(["create", "get"], Strings(subresources["exec"]["verbs"]));
        Assert.Equal("PodExecOptions", subresources["exec"]["responseKind"]!["kind"]!.GetValue<string>());
        Assert.Equal(["create", "get"], Strings(subresources["portforward"]["verbs"]));
        Assert.Equal(["create"], Strings(subresources["binding"]["verbs"]));
        Assert.Equal("""{"group":"policy","version":"v1","kind":"Eviction"}""", subresources["eviction"]["responseKind"]!.ToJsonString());
        Assert.Equal(["get", "patch", "update"], Strings(subresources["status"]["verbs"]));
    }

    [Theory]
    [InlineData("", "v1", "replicationcontrollers")]
    [InlineData("apps", "v1", "deployments")]
    [InlineData("apps", "v1", "replicasets")]
    [InlineData("apps", "v1beta2", "replicasets")]
    [InlineData("batch", "v1", "jobs")]
    public void Scale_subresources_answer_autoscaling_v1_scale(string group, string version, string plural)
    {
        var scale = Resource(group, version, plural)["subresources"]!.AsArray().Single(s => s!["subresource"]!.GetValue<string>() == "scale")!;
        Assert.Equal("""{"group":"autoscaling","version":"v1","kind":"Scale"}""", scale["responseKind"]!.ToJsonString());
        Assert.Equal(["get", "patch", "update"], Strings(scale["verbs"]));
    }

    [Fact]
    public void Exactly_kubectls_all_category_is_served()
    {
        var inAll = new[] { AggregatedDiscovery.ForCoreGroup(), AggregatedDiscovery.ForNamedGroups() }
            .SelectMany(list => list["items"]!.AsArray())
            .SelectMany(g => g!["versions"]![0]!["resources"]!.AsArray())
            .Where(r => Strings(r!["categories"]).Contains("all"))
            .Select(r => r!["resource"]!.GetValue<string>())
            .Order().ToArray();
        Assert.Equal(KubectlAllResources.Order().ToArray(), inAll);
    }

    [Theory]
    [InlineData("", "pods", "po")]
    [InlineData("", "replicationcontrollers", "rc")]
    [InlineData("", "services", "svc")]
    [InlineData("", "namespaces", "ns")]
    [InlineData("", "nodes", "no")]
    [InlineData("", "events", "ev")]
    [InlineData("apps", "replicasets", "rs")]
    [InlineData("apps", "daemonsets", "ds")]
    [InlineData("apps", "deployments", "deploy")]
    [InlineData("batch", "cronjobs", "cj")]
    public void Short_names(string group, string plural, string shortName) =>
        Assert.Contains(shortName, Strings(Resource(group, "v1", plural)["shortNames"]));

    [Fact]
    public void Named_groups_list_versions_preferred_first()
    {
        var groups = AggregatedDiscovery.ForNamedGroups()["items"]!.AsArray()
            .ToDictionary(g => g!["metadata"]!["name"]!.GetValue<string>(), g => g!["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<string>()).ToArray());
        Assert.Equal(["v1", "v1beta2"], groups["apps"]);
        Assert.Equal(["v1", "v1beta1"], groups["batch"]);
        Assert.Equal(["v1"], groups["discovery.k8s.io"]);
        Assert.Equal(["v1"], groups["coordination.k8s.io"]);
        Assert.DoesNotContain("", groups.Keys);
        Assert.Equal(["daemonsets", "replicasets"], Resources(AggregatedDiscovery.ForNamedGroups(), "apps", "v1beta2").Select(r => r["resource"]!.GetValue<string>()));
    }

    [Fact]
    public void Cluster_scoped_resources_and_namespace_verbs()
    {
        var namespaces = Resource("", "v1", "namespaces");
        Assert.Equal("Cluster", namespaces["scope"]!.GetValue<string>());
        Assert.DoesNotContain("deletecollection", Strings(namespaces["verbs"]));
        Assert.Equal("Cluster", Resource("", "v1", "nodes")["scope"]!.GetValue<string>());
    }

    [Fact]
    public void Content_type_and_accept_negotiation()
    {
        Assert.Equal("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", AggregatedDiscovery.ContentType);
        Assert.True(AggregatedDiscovery.IsRequestedBy(
            "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json"));
        Assert.True(AggregatedDiscovery.IsRequestedBy("application/json; as=APIGroupDiscoveryList; v=v2; g=apidiscovery.k8s.io"));
        Assert.False(AggregatedDiscovery.IsRequestedBy("application/json, */*"));
        Assert.False(AggregatedDiscovery.IsRequestedBy("application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList"));
        Assert.False(AggregatedDiscovery.IsRequestedBy(null));
    }

    [Fact]
    public void Version_makes_the_kubectl_dispatcher_pick_1_32()
    {
        var version = VersionInfo.Get();
        Assert.Equal("1", version["major"]!.GetValue<string>());
        Assert.Equal("32", version["minor"]!.GetValue<string>());
        Assert.Equal("v1.32.0-actororchestrator", version["gitVersion"]!.GetValue<string>());
        foreach (var field in new[] { "gitCommit", "gitTreeState", "buildDate", "goVersion", "compiler", "platform" })
        {
            Assert.False(string.IsNullOrEmpty(version[field]?.GetValue<string>()), field);
        }
    }
}
