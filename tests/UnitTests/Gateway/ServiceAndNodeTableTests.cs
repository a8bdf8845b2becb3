using ActorOrchestrator.Api.Resources;
using static ActorOrchestrator.UnitTests.Gateway.TableAssertions;

namespace ActorOrchestrator.UnitTests.Gateway;

public class ServiceAndNodeTableTests
{
    [Fact]
    public void Service_columns()
    {
        Assert.Equal(["Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age"], ColumnNames(ResourceRegistry.Services, wide: false));
        Assert.Equal("Selector", ColumnNames(ResourceRegistry.Services)[^1]);
    }

    [Fact]
    public void Load_balancer_with_ingress_ip_shows_it_and_node_ports()
    {
        var cells = Cells(ResourceRegistry.Services, """
            {"metadata":{"name":"web","creationTimestamp":"2024-12-30T07:05:00Z"},
             "spec":{"type":"LoadBalancer","clusterIP":"10.96.0.10","clusterIPs":["10.96.0.10"],"selector":{"tier":"fe","app":"web"},
               "ports":[{"name":"http","port":8080,"targetPort":80,"nodePort":32111,"protocol":"TCP"},{"name":"dns","port":53,"nodePort":30053,"protocol":"UDP"}]},
             "status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.7"},{"hostname":"lb.example.com"}]}}}
            """);
        Assert.Equal(["web", "LoadBalancer", "10.96.0.10", "203.0.113.7,lb.example.com", "8080:32111/TCP,53:30053/UDP", "2d3h", "app=web,tier=fe"], cells);
    }

    [Fact]
    public void Load_balancer_without_ingress_is_pending()
    {
        var cells = Cells(ResourceRegistry.Services, """
            {"metadata":{"name":"lb"},"spec":{"type":"LoadBalancer","clusterIPs":["10.96.0.11"],"ports":[{"port":80,"nodePort":30080}]}}
            """);
        Assert.Equal("<pending>", cells[3]);
        Assert.Equal("80:30080/TCP", cells[4]);
        Assert.Equal("<none>", cells[6]);
    }

    [Fact]
    public void Cluster_ip_service_without_external_ips_or_ports()
    {
        var cells = Cells(ResourceRegistry.Services, """
            {"metadata":{"name":"headless"},"spec":{"clusterIP":"None"}}
            """);
        Assert.Equal(["headless", "ClusterIP", "None", "<none>", "<none>", "<unknown>", "<none>"], cells);
    }

    [Fact]
    public void External_name_service_shows_its_name()
    {
        var cells = Cells(ResourceRegistry.Services, """
            {"metadata":{"name":"ext"},"spec":{"type":"ExternalName","externalName":"db.example.com"}}
            """);
        Assert.Equal("db.example.com", cells[3]);
    }

    [Fact]
    public void Node_columns()
    {
        Assert.Equal(["Name", "Status", "Roles", "Age", "Version"], ColumnNames(ResourceRegistry.Nodes, wide: false));
        Assert.Equal(["Internal-IP", "External-IP", "OS-Image", "Kernel-Version", "Container-Runtime"], ColumnNames(ResourceRegistry.Nodes)[5..]);
    }

    [Fact]
    public void Cordoned_ready_node_shows_scheduling_disabled_and_roles()
    {
        var cells = Cells(ResourceRegistry.Nodes, """
            {"metadata":{"name":"node-a","creationTimestamp":"2024-12-20T10:05:00Z",
               "labels":{"node-role.kubernetes.io/control-plane":"","node-role.kubernetes.io/etcd":"","kubernetes.io/role":"master","kubernetes.io/hostname":"node-a"}},
             "spec":{"unschedulable":true},
             "status":{"conditions":[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"True"}],
               "addresses":[{"type":"Hostname","address":"node-a"},{"type":"InternalIP","address":"192.168.1.10"}],
               "nodeInfo":{"kubeletVersion":"v1.32.0-actororchestrator","osImage":"Debian GNU/Linux 13","kernelVersion":"6.12.0","containerRuntimeVersion":"docker://27.3.1"}}}
            """);
        Assert.Equal(["node-a", "Ready,SchedulingDisabled", "control-plane,etcd,master", "12d", "v1.32.0-actororchestrator",
            "192.168.1.10", "<none>", "Debian GNU/Linux 13", "6.12.0", "docker://27.3.1"], cells);
    }

    [Theory]
    [InlineData("""{"type":"Ready","status":"False"}""", "NotReady")]
    [InlineData("""{"type":"Ready","status":"Unknown"}""", "NotReady")]
    [InlineData("""{"type":"DiskPressure","status":"False"}""", "Unknown")]
    public void Node_status_comes_from_the_ready_condition(string condition, string expected)
    {
        var cells = Cells(ResourceRegistry.Nodes, """{"metadata":{"name":"n"},"status":{"conditions":[""" + condition + "]}}");
        Assert.Equal(expected, cells[1]);
        Assert.Equal("<none>", cells[2]);
        Assert.Equal("<unknown>", cells[7]);
    }
}
