using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Manifests;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;
using k8s.Models;

namespace ActorOrchestrator.UnitTests.Api.Objects;

public class StrictDecoderTests
{
    private static JsonObject Yaml(string yaml) => ManifestReader.Read(yaml).Single();

    private static readonly JsonObject GoodPod = Yaml("""
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          labels: {app: web}
          creationTimestamp: null
          managedFields:
          - manager: kubectl
            fieldsV1: {"f:metadata": {"f:labels": {}}}
        spec:
          containers:
          - name: web
            image: nginx
            ports: [{containerPort: 80, name: http}]
            resources: {limits: {cpu: 100m, memory: 1}}
            readinessProbe: {httpGet: {port: http, path: /}}
            livenessProbe: {tcpSocket: {port: 80}}
          tolerations: [{key: a, operator: Exists}]
        status:
          startTime: "2024-05-01T10:00:00Z"
        """);

    [Fact]
    public void A_well_formed_pod_has_no_problems()
    {
        var report = StrictDecoder.Inspect(GoodPod, typeof(V1Pod));
        Assert.Empty(report.UnknownFields);
        Assert.Empty(report.TypeErrors);
    }

    [Fact]
    public void Unknown_fields_are_reported_with_their_paths_in_document_order()
    {
        var pod = Yaml("""
            apiVersion: v1
            kind: Pod
            extra: 1
            metadata: {name: web, labelz: {a: b}}
            spec:
              containers:
              - {name: a, image: x}
              - {name: b, imagee: x, ports: [{containerPort: 1, hostport: 2}]}
            """);
        Assert.Equal(
            ["extra", "metadata.labelz", "spec.containers[1].imagee", "spec.containers[1].ports[0].hostport"],
            StrictDecoder.FindUnknownFields(pod, typeof(V1Pod)));
    }

    [Fact]
    public void Field_names_are_case_sensitive()
    {
        Assert.Equal(["spec.containers[0].Image"], StrictDecoder.FindUnknownFields(Json.Obj("""{"spec":{"containers":[{"name":"a","Image":"x"}]}}"""), typeof(V1Pod)));
    }

    [Fact]
    public void Strict_refuses_with_the_kubernetes_message()
    {
        var pod = Json.Obj("""{"apiVersion":"v1","kind":"Pod","spec":{"containers":[{"name":"a","imagee":"x"}],"foo":1}}""");
        var e = Json.Refused(() => StrictDecoder.Validate(pod, ResourceRegistry.Pods, FieldValidation.Strict));
        Assert.Equal(400, e.Code);
        Assert.Equal("BadRequest", e.Reason);
        Assert.Equal("Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field \"spec.containers[0].imagee\", unknown field \"spec.foo\"", e.Message);
    }

    [Fact]
    public void Warn_returns_warnings_and_ignore_returns_nothing()
    {
        var pod = Json.Obj("""{"spec":{"containers":[{"name":"a","imagee":"x"}]}}""");
        Assert.Equal(["unknown field \"spec.containers[0].imagee\""], StrictDecoder.Validate(pod, ResourceRegistry.Pods, FieldValidation.Warn));
        Assert.Empty(StrictDecoder.Validate(pod, ResourceRegistry.Pods, FieldValidation.Ignore));
        Assert.Empty(StrictDecoder.Validate(GoodPod, ResourceRegistry.Pods, FieldValidation.Strict));
    }

    [Theory]
    [InlineData("""{"spec":{"replicas":"3"}}""", "json: cannot unmarshal string into field spec.replicas of type int32")]
    [InlineData("""{"spec":{"replicas":1.5}}""", "json: cannot unmarshal number 1.5 into field spec.replicas of type int32")]
    [InlineData("""{"spec":{"replicas":3000000000}}""", "json: cannot unmarshal number 3000000000 into field spec.replicas of type int32")]
    [InlineData("""{"spec":{"paused":"yes"}}""", "json: cannot unmarshal string into field spec.paused of type bool")]
    [InlineData("""{"metadata":{"labels":{"on":true}}}""", "json: cannot unmarshal bool into field metadata.labels.on of type string")]
    [InlineData("""{"metadata":{"labels":["a"]}}""", "json: cannot unmarshal array into field metadata.labels of type map[string]string")]
    [InlineData("""{"spec":{"template":{"spec":{"containers":{"name":"a"}}}}}""", "json: cannot unmarshal object into field spec.template.spec.containers of type []V1Container")]
    [InlineData("""{"spec":"x"}""", "json: cannot unmarshal string into field spec of type V1DeploymentSpec")]
    [InlineData("""{"metadata":{"creationTimestamp":"yesterday"}}""", "json: cannot unmarshal string into field metadata.creationTimestamp of type Time")]
    [InlineData("""{"spec":{"template":{"spec":{"containers":[{"name":"a","ports":[{"containerPort":80,"hostPort":1.0e10}]}]}}}}""", "of type int32")]
    public void Wrong_types_are_refused_whatever_the_directive(string json, string expected)
    {
        var report = StrictDecoder.Inspect(Json.Obj(json), typeof(V1Deployment));
        Assert.Contains(expected, Assert.Single(report.TypeErrors));
        var e = Json.Refused(() => StrictDecoder.Validate(Json.Obj(json), ResourceRegistry.Deployments, FieldValidation.Ignore));
        Assert.StartsWith("Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal", e.Message);
    }

    [Theory]
    [InlineData("""{"spec":{"ports":[{"port":80,"targetPort":"http"}]}}""", true)]
    [InlineData("""{"spec":{"ports":[{"port":80,"targetPort":8080}]}}""", true)]
    [InlineData("""{"spec":{"ports":[{"port":80,"targetPort":true}]}}""", false)]
    [InlineData("""{"spec":{"ports":[{"port":80,"targetPort":1.5}]}}""", false)]
    public void Int_or_string_accepts_either(string json, bool valid)
    {
        Assert.Equal(valid, StrictDecoder.Inspect(Json.Obj(json), typeof(V1Service)).TypeErrors.Count == 0);
    }

    [Theory]
    [InlineData("""{"data":{"k":"aGVsbG8="}}""", true)]
    [InlineData("""{"data":{"k":"not base64!"}}""", false)]
    [InlineData("""{"stringData":{"k":"plain"}}""", true)]
    public void Secret_data_must_be_base64(string json, bool valid)
    {
        Assert.Equal(valid, StrictDecoder.Inspect(Json.Obj(json), typeof(V1Secret)).TypeErrors.Count == 0);
    }

    [Fact]
    public void Nulls_are_accepted_anywhere()
    {
        Assert.Empty(StrictDecoder.Inspect(Json.Obj("""{"metadata":null,"spec":{"replicas":null,"template":{"spec":{"containers":[null]}}}}"""), typeof(V1Deployment)).TypeErrors);
    }

    [Fact]
    public void Lists_and_objects_must_have_their_shape()
    {
        Assert.Equal(["json: cannot unmarshal object into field items of type []V1Pod"],
            StrictDecoder.Inspect(Json.Obj("""{"items":{}}"""), typeof(V1PodList)).TypeErrors);
        Assert.Equal(["json: cannot unmarshal number 1 into field items[0] of type V1Pod"],
            StrictDecoder.Inspect(Json.Obj("""{"items":[1]}"""), typeof(V1PodList)).TypeErrors);
    }

    public static TheoryData<string> AllKinds() => new(ResourceRegistry.AllTypes.Select(t => t.StorageKey));

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Every_served_kind_knows_the_common_fields(string storageKey)
    {
        var type = ResourceRegistry.FindByStorageKey(storageKey)!;
        var obj = new JsonObject
        {
            ["apiVersion"] = type.ApiVersion,
            ["kind"] = type.Kind,
            ["metadata"] = Json.Obj("""{"name":"x","namespace":"y","labels":{"a":"b"},"annotations":{"c":"d"},"uid":"u","resourceVersion":"1","generation":1,"finalizers":["f"],"ownerReferences":[{"apiVersion":"v1","kind":"X","name":"n","uid":"u","controller":true}]}"""),
        };
        Assert.Empty(StrictDecoder.Validate(obj, type, FieldValidation.Strict));
        obj["bogus"] = 1;
        Assert.Equal(["unknown field \"bogus\""], StrictDecoder.Validate(obj, type, FieldValidation.Warn));
    }

    [Fact]
    public void The_message_names_the_version_the_client_sent()
    {
        var rs = Json.Obj("""{"apiVersion":"apps/v1beta2","kind":"ReplicaSet","spec":{"x":1}}""");
        var e = Json.Refused(() => StrictDecoder.Validate(rs, ResourceRegistry.ReplicaSets, FieldValidation.Strict));
        Assert.StartsWith("ReplicaSet in version \"v1beta2\" cannot be handled as a ReplicaSet", e.Message);
    }

    [Fact]
    public void Decode_gives_typed_access_and_encode_gives_json_back()
    {
        var pod = StrictDecoder.Decode<V1Pod>(GoodPod);
        Assert.Equal("web", pod.Metadata.Name);
        Assert.Equal(80, pod.Spec.Containers[0].Ports[0].ContainerPort);
        Assert.Equal("100m", pod.Spec.Containers[0].Resources.Limits["cpu"].ToString());
        Assert.Equal("http", pod.Spec.Containers[0].ReadinessProbe.HttpGet.Port.Value);
        var json = StrictDecoder.Encode(pod);
        Assert.Equal("nginx", json["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        Assert.Empty(StrictDecoder.FindUnknownFields(json, typeof(V1Pod)));
    }

    [Theory]
    [InlineData(null, FieldValidation.Warn)]
    [InlineData("", FieldValidation.Warn)]
    [InlineData("Strict", FieldValidation.Strict)]
    [InlineData("Warn", FieldValidation.Warn)]
    [InlineData("Ignore", FieldValidation.Ignore)]
    public void Parses_the_field_validation_parameter(string? value, FieldValidation expected)
    {
        Assert.Equal(expected, FieldValidationDirective.Parse(value));
    }

    [Fact]
    public void An_unknown_field_validation_value_is_a_bad_request()
    {
        Assert.Equal("fieldValidation parameter unsupported: strict", Json.Refused(() => FieldValidationDirective.Parse("strict")).Message);
    }
}
