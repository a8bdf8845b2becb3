using ActorOrchestrator.Api.Protobuf;

namespace ActorOrchestrator.UnitTests.Api.Protobuf;

/// <summary>
/// The decoder prints what Go's json.Marshal prints for the struct gogo-protobuf fills: these pin
/// each rule with hand-encoded messages.
/// </summary>
[Trait("Category", "Unit")]
public class GoJsonSemanticsTests
{
    private static ProtoWriter Meta(string name) => new ProtoWriter().String(1, name);

    private static void Decodes(string expectedJson, string apiVersion, string kind, ProtoWriter obj) =>
        CanonicalJson.Equal(Json.Node(expectedJson), KubernetesProtobuf.Decode(ProtoWriter.Body(apiVersion, kind, obj)));

    [Fact]
    public void Absent_plain_structs_print_their_zero_and_absent_nil_pointers_and_slices_without_omitempty_print_null()
    {
        // Deployment with only metadata: spec and status are plain structs, so Go prints them;
        // spec.selector is a pointer and spec.template.spec.containers a slice, neither omitempty.
        Decodes("""
            {"apiVersion": "apps/v1", "kind": "Deployment",
             "metadata": {"name": "d", "creationTimestamp": null},
             "spec": {"selector": null, "strategy": {},
                      "template": {"metadata": {"creationTimestamp": null}, "spec": {"containers": null}}},
             "status": {}}
            """, "apps/v1", "Deployment", new ProtoWriter().Message(1, Meta("d")));
    }

    [Fact]
    public void Zero_scalars_on_the_wire_are_dropped_under_omitempty_but_zero_pointers_are_kept()
    {
        var spec = new ProtoWriter()
            .Varint(1, 0UL)  // replicas *int32 = 0: a set pointer, printed
            .Varint(5, 0UL)  // minReadySeconds int32 = 0, omitempty: dropped
            .Varint(7, 0UL); // paused bool = false, omitempty: dropped
        var obj = new ProtoWriter().Message(1, Meta("d")).Message(2, spec);

        var decoded = KubernetesProtobuf.Decode(ProtoWriter.Body("apps/v1", "Deployment", obj));

        Assert.Equal(0, (int)decoded["spec"]!["replicas"]!);
        Assert.False(decoded["spec"]!.AsObject().ContainsKey("minReadySeconds"));
        Assert.False(decoded["spec"]!.AsObject().ContainsKey("paused"));
    }

    [Fact]
    public void Plain_scalars_without_omitempty_print_their_zero_even_when_absent()
    {
        // PodDisruptionBudgetStatus counts are plain int32 without omitempty.
        Decodes("""
            {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"creationTimestamp": null}, "spec": {},
             "status": {"disruptionsAllowed": 0, "currentHealthy": 0, "desiredHealthy": 0, "expectedPods": 0}}
            """, "policy/v1", "PodDisruptionBudget", new ProtoWriter());
    }

    [Fact]
    public void An_empty_non_omitempty_slice_is_null_when_absent()
    {
        Decodes("""
            {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "c", "creationTimestamp": null}, "rules": null}
            """, "rbac.authorization.k8s.io/v1", "ClusterRole", new ProtoWriter().Message(1, Meta("c")));
    }

    [Fact]
    public void Byte_maps_are_base64_and_string_maps_are_text()
    {
        var obj = new ProtoWriter()
            .Message(1, Meta("s"))
            .Message(2, new ProtoWriter().String(1, "password").Bytes(2, [0xFF, 0x00, 0x41]))
            .Message(2, new ProtoWriter().String(1, "empty"))
            .Entry(4, "plain", "text")
            .String(3, "Opaque")
            .Varint(5, 1UL);

        Decodes("""
            {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s", "creationTimestamp": null},
             "data": {"password": "/wBB", "empty": ""}, "stringData": {"plain": "text"}, "type": "Opaque", "immutable": true}
            """, "v1", "Secret", obj);
    }

    [Fact]
    public void Inline_structs_merge_into_their_parent()
    {
        // Volume embeds VolumeSource; Probe embeds ProbeHandler.
        var volume = new ProtoWriter().String(1, "scratch").Message(2, new ProtoWriter().Message(2, new ProtoWriter().String(1, "Memory")));
        var port = new ProtoWriter().Varint(1, 0UL).Varint(2, 8080UL);
        var probe = new ProtoWriter().Message(1, new ProtoWriter().Message(2, new ProtoWriter().String(1, "/healthz").Message(2, port))).Varint(4, 10UL);
        var container = new ProtoWriter().String(1, "web").String(2, "nginx").Message(10, probe);
        var podSpec = new ProtoWriter().Message(1, volume).Message(2, container);

        var decoded = KubernetesProtobuf.Decode(ProtoWriter.Body("v1", "Pod", new ProtoWriter().Message(2, podSpec)));

        CanonicalJson.Equal(Json.Node("""
            {"volumes": [{"name": "scratch", "emptyDir": {"medium": "Memory"}}],
             "containers": [{"name": "web", "image": "nginx", "resources": {},
                             "livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080}, "periodSeconds": 10}}]}
            """), decoded["spec"]);
    }

    [Fact]
    public void Repeated_scalars_are_read_packed_and_unpacked()
    {
        var packed = new ProtoWriter().RawVarint(1).RawVarint(2).RawVarint(300).ToArray();
        var securityContext = new ProtoWriter().Bytes(4, packed).Varint(4, 5UL);
        var decoded = KubernetesProtobuf.Decode(ProtoWriter.Body("v1", "Pod", new ProtoWriter().Message(2, new ProtoWriter().Message(14, securityContext))));

        CanonicalJson.Equal(Json.Node("[1, 2, 300, 5]"), decoded["spec"]!["securityContext"]!["supplementalGroups"]);
    }

    [Fact]
    public void A_message_field_sent_twice_is_merged_and_a_scalar_sent_twice_keeps_the_last()
    {
        var obj = new ProtoWriter()
            .Message(1, Meta("first").Entry(11, "a", "1"))
            .Message(1, Meta("second").Entry(11, "b", "2"));

        Decodes("""
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "second", "labels": {"a": "1", "b": "2"}, "creationTimestamp": null}}
            """, "v1", "ConfigMap", obj);
    }

    [Fact]
    public void Negative_int32_values_arrive_as_ten_byte_varints()
    {
        var obj = new ProtoWriter().Message(1, Meta("p")).Varint(2, -5L);
        Decodes("""
            {"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass", "metadata": {"name": "p", "creationTimestamp": null}, "value": -5}
            """, "scheduling.k8s.io/v1", "PriorityClass", obj);
    }

    [Fact]
    public void Owner_references_and_managed_fields_are_decoded()
    {
        var owner = new ProtoWriter().String(5, "apps/v1").String(1, "ReplicaSet").String(3, "web-5d4f").String(4, "1c3b").Varint(6, 1UL);
        var managed = new ProtoWriter().String(1, "kubectl").String(2, "Update").String(3, "v1")
            .Message(4, new ProtoWriter().Varint(1, 1714557600UL)).String(6, "FieldsV1")
            .Message(7, new ProtoWriter().String(1, """{"f:metadata":{"f:labels":{}}}"""));
        var meta = Meta("web-1").Message(13, owner).Message(17, managed).String(14, "example.com/cleanup").Varint(10, 30UL);

        Decodes("""
            {"apiVersion": "v1", "kind": "ConfigMap",
             "metadata": {"name": "web-1", "creationTimestamp": null, "deletionGracePeriodSeconds": 30,
               "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-5d4f", "uid": "1c3b", "controller": true}],
               "finalizers": ["example.com/cleanup"],
               "managedFields": [{"manager": "kubectl", "operation": "Update", "apiVersion": "v1", "time": "2024-05-01T10:00:00Z",
                                  "fieldsType": "FieldsV1", "fieldsV1": {"f:metadata": {"f:labels": {}}}}]}}
            """, "v1", "ConfigMap", new ProtoWriter().Message(1, meta));
    }
}
