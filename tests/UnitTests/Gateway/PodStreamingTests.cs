using System.Text;
using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Gateway.Streaming;

namespace ActorOrchestrator.UnitTests.Gateway;

/// <summary>The relay's decisions: which pods may stream, where their agent is, what the agent is asked.</summary>
public sealed class PodStreamingTests
{
    private static JsonNode Pod(string phase = "Running", string? node = "node-1")
    {
        var pod = JsonNode.Parse("""
            {"metadata":{"name":"kubia","namespace":"default"},
             "spec":{"containers":[{"name":"kubia"}],"initContainers":[{"name":"init"}]},
             "status":{}}
            """)!;
        if (node is not null) pod["spec"]!["nodeName"] = node;
        pod["status"]!["phase"] = phase;
        return pod;
    }

    [Fact]
    public void A_running_pod_on_a_node_streams_everything()
    {
        foreach (var subresource in new[] { "log", "exec", "attach", "portforward" })
        {
            Assert.Equal("node-1", StreamTargets.CheckPod(Pod(), "kubia", subresource, null));
        }
        Assert.Equal("node-1", StreamTargets.CheckPod(Pod(), "kubia", "exec", "init"));
    }

    [Theory]
    [InlineData(null, "Running", "exec", null, 404, "pods \"kubia\" not found")]
    [InlineData("", "Pending", "log", null, 400, "pod kubia does not have a host assigned")]
    [InlineData("node-1", "Running", "exec", "nope", 400, "container nope is not valid for pod kubia")]
    [InlineData("node-1", "Succeeded", "exec", null, 400, "cannot exec into a container in a completed pod; current phase is Succeeded")]
    [InlineData("node-1", "Failed", "attach", null, 400, "cannot attach to a container in a completed pod; current phase is Failed")]
    [InlineData("node-1", "Pending", "portforward", null, 400, "pod kubia is not running")]
    public void Pods_that_cannot_stream_are_refused_as_kubernetes_does(string? node, string phase, string subresource, string? container, int code, string message)
    {
        var pod = node is null ? null : Pod(phase, node.Length == 0 ? null : node);
        var error = Assert.Throws<ApiException>(() => StreamTargets.CheckPod(pod, "kubia", subresource, container));
        Assert.Equal((code, message), (error.Code, error.Message));
    }

    [Fact]
    public void Logs_of_a_finished_pod_are_still_served()
    {
        Assert.Equal("node-1", StreamTargets.CheckPod(Pod("Succeeded"), "kubia", "log", null));
    }

    [Fact]
    public void The_agent_is_at_the_internal_ip_and_kubelet_port_of_the_node()
    {
        var node = JsonNode.Parse("""
            {"status":{"addresses":[{"type":"Hostname","address":"n1"},{"type":"InternalIP","address":"10.0.0.7"}],
             "daemonEndpoints":{"kubeletEndpoint":{"Port":10250}}}}
            """);
        Assert.Equal(new Uri("http://10.0.0.7:10250/"), StreamTargets.AgentUrl(node, "n1"));
        var v6 = JsonNode.Parse("""{"status":{"addresses":[{"type":"InternalIP","address":"fd00::5"}],"daemonEndpoints":{"kubeletEndpoint":{"Port":1}}}}""");
        Assert.Equal(new Uri("http://[fd00::5]:1/"), StreamTargets.AgentUrl(v6, "n1"));
        Assert.Equal(500, Assert.Throws<ApiException>(() => StreamTargets.AgentUrl(null, "gone")).Code);
        Assert.Contains("no agent port", Assert.Throws<ApiException>(() => StreamTargets.AgentUrl(JsonNode.Parse("""{"status":{"addresses":[{"type":"InternalIP","address":"1.2.3.4"}]}}"""), "n1")).Message);
    }

    [Fact]
    public void Agent_paths_follow_the_kubelet_with_the_container_in_the_path()
    {
        Assert.Equal("/containerLogs/default/kubia/kubia?follow=true&tailLines=1",
            AgentPaths.For("log", "default", "kubia", AgentPaths.Query(("container", "kubia"), ("follow", "true"), ("tailLines", "1"))));
        Assert.Equal("/exec/default/kubia/kubia?command=sh&command=-c&command=exit%203&stdout=true",
            AgentPaths.For("exec", "default", "kubia", AgentPaths.Query(("command", "sh"), ("command", "-c"), ("command", "exit 3"), ("container", "kubia"), ("stdout", "true"))));
        Assert.Equal("/attach/ns%201/p", AgentPaths.For("attach", "ns 1", "p", AgentPaths.Query()));
        Assert.Equal("/portForward/default/kubia", AgentPaths.For("portforward", "default", "kubia", AgentPaths.Query(("container", "ignored"))));
    }

    [Fact]
    public async Task Upgrade_answers_are_parsed_with_the_bytes_that_follow_them()
    {
        var raw = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: portforward.k8s.io\r\nConnection: Upgrade\r\n\r\n"u8.ToArray();
        var head = (await HttpResponseHead.ReadAsync(new MemoryStream([.. raw, 0x80, 3]), 16 * 1024, CancellationToken.None))!;
        Assert.Equal(101, head.StatusCode);
        Assert.Equal(["portforward.k8s.io"], head.Values("x-stream-protocol-version"));
        Assert.Equal(new byte[] { 0x80, 3 }, head.Leftover);

        Assert.Null(await HttpResponseHead.ReadAsync(new MemoryStream("HTTP/1.1 101"u8.ToArray()), 1024, CancellationToken.None));
        Assert.Throws<InvalidDataException>(() => HttpResponseHead.Parse(Encoding.ASCII.GetBytes("SSH-2.0\r\n\r\n"), []));
    }
}
