using ActorOrchestrator.NodeAgent.Runtime;

namespace ActorOrchestrator.NodeAgentTests.Runtime;

[Trait("Category", "Unit")]
public sealed class NamingTests
{
    private static readonly PodRef Pod = new("0c9e6f3a-1111-2222-3333-444455556666", "default", "kubia-manual");

    [Fact]
    public void Container_names_are_readable_and_unique_per_attempt()
    {
        Assert.Equal("ao_node-1_default_kubia-manual_kubia_0", ContainerNames.For("node-1", Pod, "kubia", 0));
        Assert.Equal("ao_node-1_default_kubia-manual_kubia_3", ContainerNames.For("node-1", Pod, "kubia", 3));
        Assert.Equal("ao_node-1_default_kubia-manual_POD_1", ContainerNames.ForSandbox("node-1", Pod, 1));
    }

    [Theory]
    [InlineData("node_1", "node-1")]
    [InlineData("a b/c:d", "a-b-c-d")]
    [InlineData("my.node-2", "my.node-2")]
    [InlineData("", "-")]
    [InlineData("nœud", "n-ud")]
    public void Name_parts_keep_only_safe_characters_and_never_the_separator(string part, string sanitized) =>
        Assert.Equal(sanitized, ContainerNames.Sanitize(part));

    [Fact]
    public void Hostname_is_the_pod_name_cut_to_63_characters()
    {
        Assert.Equal("kubia-manual", ContainerNames.Hostname("kubia-manual"));
        Assert.Equal(new string('a', 62), ContainerNames.Hostname(new string('a', 62) + "-" + "bbbb"));
    }

    [Fact]
    public void Labels_round_trip_and_ours_win_over_the_callers()
    {
        var extra = new Dictionary<string, string> { ["team"] = "a", [RuntimeLabels.NodeKey] = "forged" };

        var built = RuntimeLabels.Build("node-1", Pod, "kubia", attempt: 2, restartCount: 5, extra, [new ContainerPort(8080, Name: "http")]);
        var parsed = RuntimeLabels.Parse(built);

        Assert.Equal((Pod.Uid, Pod.Name, Pod.Namespace, "node-1", "kubia", 5, 2, false),
            (parsed.PodUid, parsed.PodName, parsed.PodNamespace, parsed.Node, parsed.ContainerName, parsed.RestartCount, parsed.Attempt, parsed.IsSandbox));
        Assert.Equal("a", parsed.All["team"]);
        Assert.Equal("http:8080/TCP", parsed.All[RuntimeLabels.PortsKey]);
    }

    [Fact]
    public void Labels_of_foreign_containers_parse_to_nothing()
    {
        var parsed = RuntimeLabels.Parse(new Dictionary<string, string> { ["maintainer"] = "someone" });

        Assert.Equal((null, null, 0, false), (parsed.PodUid, parsed.Node, parsed.Attempt, parsed.IsSandbox));
    }

    [Theory]
    [InlineData("kubia", "kubia", "latest")]
    [InlineData("taodaling/kubia:v2", "taodaling/kubia", "v2")]
    [InlineData("registry.local:5000/team/app", "registry.local:5000/team/app", "latest")]
    [InlineData("registry.local:5000/team/app:1.0", "registry.local:5000/team/app", "1.0")]
    [InlineData("app@sha256:abc", "app", "sha256:abc")]
    public void Image_references_split_into_name_and_tag(string image, string name, string tag) =>
        Assert.Equal((name, tag), ImageReference.Split(image));
}
