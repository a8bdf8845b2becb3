using System.Text.Json.Nodes;
using ActorOrchestrator.Gateway.Discovery;

namespace ActorOrchestrator.UnitTests.Gateway;

public class LegacyDiscoveryTests
{
    private static JsonObject Entry(JsonObject list, string name) =>
        list["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == name)!.AsObject();

    [Fact]
    public void Api_versions()
    {
        var versions = LegacyDiscovery.ApiVersions("10.0.0.1:6443");
        Assert.Equal("""{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"10.0.0.1:6443"}]}""",
            versions.ToJsonString());
    }

    [Fact]
    public void Group_list_and_single_group()
    {
        var groups = LegacyDiscovery.ApiGroupList();
        Assert.Equal("APIGroupList", groups["kind"]!.GetValue<string>());
        var apps = groups["groups"]!.AsArray().Single(g => g!["name"]!.GetValue<string>() == "apps")!;
        Assert.Equal("""[{"groupVersion":"apps/v1","version":"v1"},{"groupVersion":"apps/v1beta2","version":"v1beta2"}]""", apps["versions"]!.ToJsonString());
        Assert.Equal("""{"groupVersion":"apps/v1","version":"v1"}""", apps["preferredVersion"]!.ToJsonString());

        var batch = LegacyDiscovery.ApiGroup("batch")!;
        Assert.Equal("APIGroup", batch["kind"]!.GetValue<string>());
        Assert.Equal("batch/v1", batch["preferredVersion"]!["groupVersion"]!.GetValue<string>());
        Assert.Null(LegacyDiscovery.ApiGroup("example.com"));
    }

    [Fact]
    public void Core_resource_list_has_subresources_as_separate_entries()
    {
        var list = LegacyDiscovery.ApiResourceList("", "v1")!;
        Assert.Equal("APIResourceList", list["kind"]!.GetValue<string>());
        Assert.Equal("v1", list["groupVersion"]!.GetValue<string>());

        var pods = Entry(list, "pods");
        Assert.Equal("pod", pods["singularName"]!.GetValue<string>());
        Assert.True(pods["namespaced"]!.GetValue<bool>());
        Assert.Equal("Pod", pods["kind"]!.GetValue<string>());
        Assert.Equal("""["all"]""", pods["categories"]!.ToJsonString());

        Assert.Equal("""{"name":"pods/log","singularName":"","namespaced":true,"kind":"Pod","verbs":["get"]}""", Entry(list, "pods/log").ToJsonString());
        Assert.Equal("""{"name":"replicationcontrollers/scale","singularName":"","namespaced":true,"group":"autoscaling","version":"v1","kind":"Scale","verbs":["get","patch","update"]}""",
            Entry(list, "replicationcontrollers/scale").ToJsonString());
        Assert.Equal("""["update"]""", Entry(list, "namespaces/finalize")["verbs"]!.ToJsonString());

        var names = list["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public void Older_versions_list_only_what_they_serve()
    {
        var v1beta2 = LegacyDiscovery.ApiResourceList("apps", "v1beta2")!;
        Assert.Equal("apps/v1beta2", v1beta2["groupVersion"]!.GetValue<string>());
        Assert.Equal("v1", v1beta2["apiVersion"]!.GetValue<string>());
        var names = v1beta2["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToArray();
        Assert.Equal(["daemonsets", "daemonsets/status", "replicasets", "replicasets/scale", "replicasets/status"], names);
        Assert.Equal(["cronjobs", "cronjobs/status"],
            LegacyDiscovery.ApiResourceList("batch", "v1beta1")!["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()));
        Assert.Null(LegacyDiscovery.ApiResourceList("apps", "v1beta1"));
    }
}
