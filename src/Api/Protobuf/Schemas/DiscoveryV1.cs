namespace ActorOrchestrator.Api.Protobuf.Schemas;

/// <summary>discovery.k8s.io/v1 endpoint slices.</summary>
internal static class DiscoveryV1
{
    public static readonly SchemaSource Source = new(
        Package: "discovery",
        ApiVersion: "discovery.k8s.io/v1",
        Kinds: ["EndpointSlice"],
        Messages: """
            EndpointSlice
              1 metadata meta.ObjectMeta,omitempty
              4 addressType string
              2 endpoints []Endpoint
              3 ports []EndpointPort
            Endpoint
              1 addresses []string
              2 conditions EndpointConditions,omitempty
              3 hostname *string,omitempty
              4 targetRef *core.ObjectReference,omitempty
              5 deprecatedTopology map[string]string,omitempty
              6 nodeName *string,omitempty
              7 zone *string,omitempty
              8 hints *EndpointHints,omitempty
            EndpointPort
              1 name *string,omitempty
              2 protocol *string,omitempty
              3 port *int32,omitempty
              4 appProtocol *string,omitempty
            EndpointConditions
              1 ready *bool,omitempty
              2 serving *bool,omitempty
              3 terminating *bool,omitempty
            EndpointHints
              1 forZones []ForZone,omitempty
            ForZone
              1 name string
        """);
}
