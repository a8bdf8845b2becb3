namespace ActorOrchestrator.Api.Protobuf.Schemas;

/// <summary>authentication.k8s.io/v1 token requests (kubectl create token).</summary>
internal static class AuthenticationV1
{
    public static readonly SchemaSource Source = new(
        Package: "authentication",
        ApiVersion: "authentication.k8s.io/v1",
        Kinds: ["TokenRequest"],
        Messages: """
            TokenRequest
              1 metadata meta.ObjectMeta,omitempty
              2 spec TokenRequestSpec
              3 status TokenRequestStatus,omitempty
            TokenRequestSpec
              1 audiences []string
              4 expirationSeconds *int64
              3 boundObjectRef *BoundObjectReference
            TokenRequestStatus
              1 token string
              2 expirationTimestamp meta.Time
            BoundObjectReference
              1 kind string,omitempty
              2 apiVersion string,omitempty
              3 name string,omitempty
              4 uid string,omitempty
        """);
}
