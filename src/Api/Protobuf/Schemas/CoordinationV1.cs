namespace ActorOrchestrator.Api.Protobuf.Schemas;

/// <summary>coordination.k8s.io/v1 leases (leader election by client-go components).</summary>
internal static class CoordinationV1
{
    public static readonly SchemaSource Source = new(
        Package: "coordination",
        ApiVersion: "coordination.k8s.io/v1",
        Kinds: ["Lease"],
        Messages: """
            Lease
              1 metadata meta.ObjectMeta,omitempty
              2 spec LeaseSpec,omitempty
            LeaseSpec
              1 holderIdentity *string,omitempty
              2 leaseDurationSeconds *int32,omitempty
              3 acquireTime *meta.MicroTime,omitempty
              4 renewTime *meta.MicroTime,omitempty
              5 leaseTransitions *int32,omitempty
              6 strategy *string,omitempty
              7 preferredHolder *string,omitempty
        """);
}
