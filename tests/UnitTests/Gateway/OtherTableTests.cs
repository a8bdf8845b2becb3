using ActorOrchestrator.Api.Resources;
using static ActorOrchestrator.UnitTests.Gateway.TableAssertions;

namespace ActorOrchestrator.UnitTests.Gateway;

public class OtherTableTests
{
    [Fact]
    public void Event_columns_put_wide_ones_where_kubernetes_does()
    {
        Assert.Equal(["Last Seen", "Type", "Reason", "Object", "Message"], ColumnNames(ResourceRegistry.Events, wide: false));
        Assert.Equal(["Last Seen", "Type", "Reason", "Object", "Subobject", "Source", "Message", "First Seen", "Count", "Name"],
            ColumnNames(ResourceRegistry.Events));
    }

    [Fact]
    public void Event_row()
    {
        var cells = Cells(ResourceRegistry.Events, """
            {"metadata":{"name":"web-1.17f","namespace":"default"},
             "involvedObject":{"kind":"Pod","name":"web-1","namespace":"default","fieldPath":"spec.containers{web}"},
             "reason":"Pulled","message":"  Successfully pulled image \"nginx\"\n","type":"Normal","count":3,
             "firstTimestamp":"2025-01-01T09:05:00Z","lastTimestamp":"2025-01-01T10:04:00Z",
             "source":{"component":"kubelet","host":"node-a"}}
            """);
        Assert.Equal(["60s", "Normal", "Pulled", "pod/web-1", "spec.containers{web}", "kubelet, node-a",
            "Successfully pulled image \"nginx\"", "60m", 3L, "web-1.17f"], cells);
    }

    [Fact]
    public void Event_without_timestamps_or_count_falls_back_to_event_time_and_one()
    {
        var cells = Cells(ResourceRegistry.Events, """
            {"metadata":{"name":"e"},"involvedObject":{"kind":"Node"},"eventTime":"2025-01-01T10:04:30.000000Z",
             "reportingComponent":"scheduler","type":"Warning","reason":"Failed","message":"m"}
            """);
        Assert.Equal(["30s", "Warning", "Failed", "node", "", "scheduler", "m", "30s", 1L, "e"], cells);
    }

    [Fact]
    public void Endpoints_list_at_most_three_addresses()
    {
        Assert.Equal(["Name", "Endpoints", "Age"], ColumnNames(ResourceRegistry.Endpoints));
        var cells = Cells(ResourceRegistry.Endpoints, """
            {"metadata":{"name":"web","creationTimestamp":"2025-01-01T10:00:00Z"},
             "subsets":[{"addresses":[{"ip":"10.0.0.1"},{"ip":"10.0.0.2"}],"ports":[{"port":80},{"port":443}]}]}
            """);
        Assert.Equal(["web", "10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...", "5m"], cells);
        Assert.Equal("<none>", Cells(ResourceRegistry.Endpoints, """{"metadata":{"name":"e"}}""")[1]);
    }

    [Fact]
    public void Endpoint_slice()
    {
        var cells = Cells(ResourceRegistry.EndpointSlices, """
            {"metadata":{"name":"web-abc"},"addressType":"IPv4","ports":[{"name":"http","port":80},{"name":"named"}],
             "endpoints":[{"addresses":["10.0.0.1"]},{"addresses":["10.0.0.2"]}]}
            """);
        Assert.Equal(["web-abc", "IPv4", "80,named", "10.0.0.1,10.0.0.2", "<unknown>"], cells);
        Assert.Equal("<unset>", Cells(ResourceRegistry.EndpointSlices, """{"metadata":{"name":"s"},"addressType":"IPv4"}""")[2]);
    }

    [Fact]
    public void Config_maps_secrets_service_accounts_namespaces_and_leases()
    {
        Assert.Equal(["cm", 3L, "5m"], Cells(ResourceRegistry.ConfigMaps,
            """{"metadata":{"name":"cm","creationTimestamp":"2025-01-01T10:00:00Z"},"data":{"a":"1","b":"2"},"binaryData":{"c":"AA=="}}"""));
        Assert.Equal(["s", "Opaque", 1L, "5m"], Cells(ResourceRegistry.Secrets,
            """{"metadata":{"name":"s","creationTimestamp":"2025-01-01T10:00:00Z"},"type":"Opaque","data":{"k":"dg=="}}"""));
        Assert.Equal(["default", 0L, "5m"], Cells(ResourceRegistry.ServiceAccounts,
            """{"metadata":{"name":"default","creationTimestamp":"2025-01-01T10:00:00Z"}}"""));
        Assert.Equal(["kube-system", "Active", "5m"], Cells(ResourceRegistry.Namespaces,
            """{"metadata":{"name":"kube-system","creationTimestamp":"2025-01-01T10:00:00Z"},"status":{"phase":"Active"}}"""));
        Assert.Equal(["node-a", "node-a", "5m"], Cells(ResourceRegistry.Leases,
            """{"metadata":{"name":"node-a","creationTimestamp":"2025-01-01T10:00:00Z"},"spec":{"holderIdentity":"node-a"}}"""));
        Assert.Equal(["Name", "Type", "Data", "Age"], ColumnNames(ResourceRegistry.Secrets));
        Assert.Equal(["Name", "Holder", "Age"], ColumnNames(ResourceRegistry.Leases));
    }

    [Fact]
    public void Resource_without_a_layout_prints_name_and_age()
    {
        var widget = ResourceRegistry.ConfigMaps with { Group = "example.com", Kind = "Widget", Plural = "widgets" };
        Assert.Equal(["Name", "Age"], ColumnNames(widget));
        Assert.Equal(["w", "5m"], Cells(widget, """{"metadata":{"name":"w","creationTimestamp":"2025-01-01T10:00:00Z"}}"""));
    }
}
