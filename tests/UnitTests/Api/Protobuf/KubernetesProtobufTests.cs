using ActorOrchestrator.Api.Protobuf;

namespace ActorOrchestrator.UnitTests.Api.Protobuf;

/// <summary>The entry point: content types, the k8s\0 envelope, and how bad bodies are refused.</summary>
[Trait("Category", "Unit")]
public class KubernetesProtobufTests
{
    private static ProtoWriter NamedMeta(string name) => new ProtoWriter().String(1, name);

    [Theory]
    [InlineData("application/vnd.kubernetes.protobuf", true)]
    [InlineData("application/vnd.kubernetes.protobuf; charset=utf-8", true)]
    [InlineData("Application/Vnd.Kubernetes.Protobuf", true)]
    [InlineData("application/vnd.kubernetes.protobuf;stream=watch", true)]
    [InlineData("application/json", false)]
    [InlineData("application/vnd.kubernetes.protobuf+json", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Recognises_the_protobuf_media_type(string? contentType, bool expected) =>
        Assert.Equal(expected, KubernetesProtobuf.IsProtobuf(contentType));

    [Fact]
    public void Decodes_the_bytes_kubectl_sends_for_create_namespace()
    {
        // Captured from kubectl 1.32 `create namespace x`: every plain Go field is on the wire,
        // empty strings and the empty creationTimestamp included.
        var body = Convert.FromHexString(
            "6b3873000a0f0a02763112094e616d65737061636512190a110a01781200" +
            "1a0022002a0032003800420012001a020a001a002200");

        var decoded = KubernetesProtobuf.Decode(body);

        CanonicalJson.Equal(Json.Node("""
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "x", "creationTimestamp": null}, "spec": {}, "status": {}}
            """), decoded);
    }

    [Fact]
    public void Fields_the_schema_does_not_know_are_skipped_at_every_level()
    {
        var meta = NamedMeta("skips").Varint(99, 1UL).Fixed32(98, 1).Fixed64(97, 1).String(96, "x").Tag(95, 3).Tag(95, 4);
        var obj = new ProtoWriter().Varint(42, 7UL).Message(1, meta).String(43, "later");
        var envelope = ProtoWriter.Unknown("v1", "Namespace", obj).String(9, "envelope extra");
        byte[] body = [.. "k8s\0"u8, .. envelope.ToArray()];

        CanonicalJson.Equal(Json.Node("""
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "skips", "creationTimestamp": null}, "spec": {}, "status": {}}
            """), KubernetesProtobuf.Decode(body));
    }

    [Fact]
    public void A_kind_without_a_schema_is_unsupported_media_type()
    {
        var error = Json.Refused(() => KubernetesProtobuf.Decode(ProtoWriter.Body("example.com/v1", "Widget", NamedMeta("w"))));

        Assert.Equal(415, error.Code);
        Assert.Equal("UnsupportedMediaType", error.Reason);
        Assert.Equal("protobuf is not supported for Widget; send application/json", error.Message);
    }

    [Fact]
    public void A_known_kind_under_another_version_is_unsupported_media_type()
    {
        var error = Json.Refused(() => KubernetesProtobuf.Decode(ProtoWriter.Body("apps/v1beta2", "Deployment", new ProtoWriter())));
        Assert.Equal(415, error.Code);
    }

    [Fact]
    public void Every_kubectl_kind_has_a_schema()
    {
        (string, string)[] sent =
        [
            ("v1", "Namespace"), ("v1", "Service"), ("v1", "ServiceAccount"), ("v1", "ConfigMap"), ("v1", "Secret"),
            ("v1", "ResourceQuota"), ("v1", "Pod"), ("apps/v1", "Deployment"), ("batch/v1", "Job"), ("batch/v1", "CronJob"),
            ("rbac.authorization.k8s.io/v1", "Role"), ("rbac.authorization.k8s.io/v1", "ClusterRole"),
            ("rbac.authorization.k8s.io/v1", "RoleBinding"), ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
            ("policy/v1", "PodDisruptionBudget"), ("policy/v1", "Eviction"), ("scheduling.k8s.io/v1", "PriorityClass"),
            ("authentication.k8s.io/v1", "TokenRequest"), ("authorization.k8s.io/v1", "SelfSubjectAccessReview"),
            ("networking.k8s.io/v1", "Ingress"), ("coordination.k8s.io/v1", "Lease"), ("discovery.k8s.io/v1", "EndpointSlice"),
        ];
        foreach (var (apiVersion, kind) in sent)
        {
            var decoded = KubernetesProtobuf.Decode(ProtoWriter.Body(apiVersion, kind, new ProtoWriter().Message(1, NamedMeta("n"))));
            Assert.Equal(kind, (string?)decoded["kind"]);
            Assert.Equal("n", (string?)decoded["metadata"]!["name"]);
        }
    }

    [Fact]
    public void A_body_without_the_magic_is_a_bad_request()
    {
        var error = Json.Refused(() => KubernetesProtobuf.Decode("{\"kind\":\"Namespace\"}"u8));
        Assert.Equal(400, error.Code);
        Assert.Contains("does not appear to be a protobuf message", error.Message);
    }

    [Fact]
    public void An_envelope_without_a_kind_is_a_bad_request()
    {
        var error = Json.Refused(() => KubernetesProtobuf.Decode("k8s\0"u8));
        Assert.Equal(400, error.Code);
        Assert.Equal("Object 'Kind' is missing in the protobuf body", error.Message);
    }

    [Fact]
    public void An_encoded_envelope_is_unsupported()
    {
        var envelope = ProtoWriter.Unknown("v1", "Namespace", NamedMeta("x")).String(3, "gzip");
        var error = Json.Refused(() => KubernetesProtobuf.Decode([.. "k8s\0"u8, .. envelope.ToArray()]));
        Assert.Equal(415, error.Code);
    }

    [Fact]
    public void A_truncated_body_names_the_offset_of_the_cut_value()
    {
        var body = ProtoWriter.Body("v1", "Namespace", new ProtoWriter().Message(1, NamedMeta("truncated")));
        // Cut the last two bytes. Layout: magic 0-3, typeMeta 4-20, raw's tag at 21 and its
        // length (13) at 22, which now runs past the 11 bytes left.
        var cut = body[..^2];
        var error = Json.Refused(() => KubernetesProtobuf.Decode(cut));

        Assert.Equal(400, error.Code);
        Assert.Equal("BadRequest", error.Reason);
        Assert.Equal("the protobuf body is malformed at byte 22: length 13 runs past the end of the data", error.Message);
    }

    [Fact]
    public void A_nested_error_counts_from_the_start_of_the_body()
    {
        // metadata holds a name whose length (9) runs past the end of metadata's own 2 bytes.
        var obj = new ProtoWriter().Bytes(1, [0x0A, 0x09]);
        var body = ProtoWriter.Body("v1", "Namespace", obj);
        var nameLengthAt = body.Length - 1;

        var error = Json.Refused(() => KubernetesProtobuf.Decode(body));

        Assert.Equal($"the protobuf body is malformed at byte {nameLengthAt}: length 9 runs past the end of the data", error.Message);
    }

    [Fact]
    public void A_known_field_with_the_wrong_wire_type_is_a_bad_request()
    {
        var error = Json.Refused(() => KubernetesProtobuf.Decode(ProtoWriter.Body("v1", "Namespace", new ProtoWriter().Message(1, new ProtoWriter().Varint(1, 5UL)))));
        Assert.Contains("field 1 (name) has wire type 0, expected 2", error.Message);
    }
}
