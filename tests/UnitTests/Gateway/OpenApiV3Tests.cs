using System.Text.Json.Nodes;
using ActorOrchestrator.Gateway.OpenApi;

namespace ActorOrchestrator.UnitTests.Gateway;

public class OpenApiV3Tests
{
    private static readonly Lazy<JsonObject> CoreDocument = new(() => OpenApiV3.Document("api/v1")!);

    private static JsonObject Schemas(JsonObject document) => document["components"]!["schemas"]!.AsObject();

    [Fact]
    public void Model_documentation_ships_with_the_build() => Assert.True(ModelDocumentation.IsAvailable, ModelDocumentation.DocumentationPath);

    [Fact]
    public void Index_points_at_every_served_group_version_with_a_stable_hash()
    {
        var paths = OpenApiV3.Index()["paths"]!.AsObject();
        Assert.Equal(["api/v1", "apis/apps/v1", "apis/apps/v1beta2", "apis/batch/v1", "apis/batch/v1beta1", "apis/coordination.k8s.io/v1", "apis/discovery.k8s.io/v1"],
            paths.Select(p => p.Key).ToArray());
        var url = paths["apis/apps/v1"]!["serverRelativeURL"]!.GetValue<string>();
        Assert.Equal($"/openapi/v3/apis/apps/v1?hash={OpenApiV3.Hash("apis/apps/v1")}", url);
        Assert.Matches("^[0-9A-F]{128}$", OpenApiV3.Hash("api/v1"));
        Assert.Equal(url, OpenApiV3.Index()["paths"]!["apis/apps/v1"]!["serverRelativeURL"]!.GetValue<string>());
        Assert.Null(OpenApiV3.Document("apis/example.com/v1"));
        Assert.Equal("apis/discovery.k8s.io/v1", OpenApiV3.DocumentPath("discovery.k8s.io", "v1"));
    }

    [Fact]
    public void Document_json_is_the_document()
    {
        var parsed = JsonNode.Parse(OpenApiV3.DocumentJson("apis/batch/v1")!)!;
        Assert.True(JsonNode.DeepEquals(parsed, OpenApiV3.Document("/apis/batch/v1/")));
        Assert.Equal("3.0.0", parsed["openapi"]!.GetValue<string>());
    }

    [Fact]
    public void Pod_spec_containers_are_documented()
    {
        var containers = Schemas(CoreDocument.Value)["io.k8s.api.core.v1.PodSpec"]!["properties"]!["containers"]!;
        Assert.StartsWith("List of containers belonging to the pod.", containers["description"]!.GetValue<string>());
        Assert.Equal("array", containers["type"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/io.k8s.api.core.v1.Container", containers["items"]!["$ref"]!.GetValue<string>());
        Assert.Equal("PodSpec is a description of a pod.", Schemas(CoreDocument.Value)["io.k8s.api.core.v1.PodSpec"]!["description"]!.GetValue<string>());
    }

    [Fact]
    public void Top_level_kinds_carry_their_group_version_kind()
    {
        Assert.Equal("""[{"group":"","kind":"Pod","version":"v1"}]""",
            Schemas(CoreDocument.Value)["io.k8s.api.core.v1.Pod"]!["x-kubernetes-group-version-kind"]!.ToJsonString());
        Assert.Null(Schemas(CoreDocument.Value)["io.k8s.api.core.v1.PodSpec"]!["x-kubernetes-group-version-kind"]);

        var v1beta2 = Schemas(OpenApiV3.Document("apis/apps/v1beta2")!);
        Assert.Equal("""[{"group":"apps","kind":"ReplicaSet","version":"v1beta2"}]""",
            v1beta2["io.k8s.api.apps.v1beta2.ReplicaSet"]!["x-kubernetes-group-version-kind"]!.ToJsonString());
        Assert.Equal("""[{"group":"batch","kind":"CronJob","version":"v1beta1"}]""",
            Schemas(OpenApiV3.Document("apis/batch/v1beta1")!)["io.k8s.api.batch.v1beta1.CronJob"]!["x-kubernetes-group-version-kind"]!.ToJsonString());
    }

    [Fact]
    public void Schema_names_follow_kubernetes()
    {
        var names = Schemas(CoreDocument.Value).Select(s => s.Key).ToHashSet();
        Assert.Contains("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", names);
        Assert.Contains("io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector", names);
        Assert.Contains("io.k8s.apimachinery.pkg.apis.meta.v1.Time", names);
        Assert.Contains("io.k8s.apimachinery.pkg.api.resource.Quantity", names);
        Assert.Contains("io.k8s.apimachinery.pkg.util.intstr.IntOrString", names);
        Assert.Contains("io.k8s.api.core.v1.Event", names);
        Assert.Contains("io.k8s.api.autoscaling.v1.Scale", names);
        var apps = Schemas(OpenApiV3.Document("apis/apps/v1")!);
        Assert.Contains("io.k8s.api.apps.v1.DeploymentSpec", apps.Select(s => s.Key));
        Assert.Contains("io.k8s.api.core.v1.PodTemplateSpec", apps.Select(s => s.Key));
        Assert.Contains("io.k8s.api.discovery.v1.EndpointPort", Schemas(OpenApiV3.Document("apis/discovery.k8s.io/v1")!).Select(s => s.Key));
    }

    [Fact]
    public void Scalar_types_map_like_kubernetes()
    {
        var schemas = Schemas(CoreDocument.Value);
        var port = schemas["io.k8s.api.core.v1.ContainerPort"]!;
        Assert.Equal("integer", port["properties"]!["containerPort"]!["type"]!.GetValue<string>());
        Assert.Equal("int32", port["properties"]!["containerPort"]!["format"]!.GetValue<string>());
        Assert.Equal("""["containerPort"]""", port["required"]!.ToJsonString());
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time",
            schemas["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]!["properties"]!["creationTimestamp"]!["allOf"]![0]!["$ref"]!.GetValue<string>());
        Assert.Equal("object", schemas["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]!["properties"]!["labels"]!["type"]!.GetValue<string>());
        Assert.Equal("string", schemas["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]!["properties"]!["labels"]!["additionalProperties"]!["type"]!.GetValue<string>());
        Assert.Equal("byte", schemas["io.k8s.api.core.v1.Secret"]!["properties"]!["data"]!["additionalProperties"]!["format"]!.GetValue<string>());
        Assert.True(schemas["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]!["x-kubernetes-int-or-string"]!.GetValue<bool>());
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity",
            schemas["io.k8s.api.core.v1.ResourceRequirements"]!["properties"]!["limits"]!["additionalProperties"]!["$ref"]!.GetValue<string>());
    }

    [Fact]
    public void Patch_operations_name_their_kind_and_accept_field_validation()
    {
        var patch = CoreDocument.Value["paths"]!["/api/v1/namespaces/{namespace}/pods/{name}"]!["patch"]!;
        Assert.Equal("""{"group":"","kind":"Pod","version":"v1"}""", patch["x-kubernetes-group-version-kind"]!.ToJsonString());
        Assert.Equal("patch", patch["x-kubernetes-action"]!.GetValue<string>());
        Assert.Contains(patch["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "fieldValidation" && p["in"]!.GetValue<string>() == "query");
        // Without strategic merge patch on offer, kubectl apply computes patches from its own compiled-in types.
        Assert.DoesNotContain("application/strategic-merge-patch+json", patch["requestBody"]!["content"]!.AsObject().Select(c => c.Key));
    }

    [Fact]
    public void Every_patch_operation_of_every_document_accepts_field_validation()
    {
        foreach (var path in OpenApiV3.DocumentPaths)
        {
            var document = OpenApiV3.Document(path)!;
            var patches = document["paths"]!.AsObject().Select(p => p.Value!["patch"]).OfType<JsonObject>().ToList();
            Assert.NotEmpty(patches);
            Assert.All(patches, p => Assert.Contains(p["parameters"]!.AsArray(), q => q!["name"]!.GetValue<string>() == "fieldValidation"));
            Assert.All(patches, p => Assert.NotNull(p["x-kubernetes-group-version-kind"]));
        }
    }

    [Fact]
    public void Scale_subresource_operations_name_autoscaling_scale()
    {
        var patch = OpenApiV3.Document("apis/apps/v1")!["paths"]!["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"]!["patch"]!;
        Assert.Equal("""{"group":"autoscaling","kind":"Scale","version":"v1"}""", patch["x-kubernetes-group-version-kind"]!.ToJsonString());
        Assert.Equal("patchAppsV1NamespacedDeploymentScale", patch["operationId"]!.GetValue<string>());
    }

    [Fact]
    public void Every_reference_resolves_within_its_document()
    {
        foreach (var path in OpenApiV3.DocumentPaths)
        {
            var document = OpenApiV3.Document(path)!;
            var schemas = Schemas(document);
            foreach (var reference in References(document))
            {
                Assert.StartsWith("#/components/schemas/", reference);
                Assert.True(schemas.ContainsKey(reference["#/components/schemas/".Length..]), $"{path}: {reference}");
            }
        }
    }

    [Theory]
    [InlineData("api/v1", "/api/v1/pods", "spec.containers", "List of containers belonging to the pod.")]
    [InlineData("api/v1", "/api/v1/pods", "spec.containers.ports.containerPort", "Number of port to expose on the pod's IP address.")]
    [InlineData("apis/apps/v1beta2", "/apis/apps/v1beta2/replicasets", "spec.replicas", "Replicas is the number of desired pods.")]
    [InlineData("apis/batch/v1", "/apis/batch/v1/cronjobs", "spec.jobTemplate.spec.template.metadata.labels", "Map of string keys and values")]
    public void Explain_can_walk_to_a_field(string document, string listPath, string fieldPath, string descriptionStart) =>
        Assert.StartsWith(descriptionStart, ExplainWalk(OpenApiV3.Document(document)!, listPath, fieldPath.Split('.')));

    /// <summary>
    /// What kubectl explain's template does: the GVK from the list path's GET, the schema whose
    /// x-kubernetes-group-version-kind contains exactly that GVK, then properties through $ref, allOf and items.
    /// </summary>
    private static string ExplainWalk(JsonObject document, string listPath, string[] fields)
    {
        var gvk = document["paths"]![listPath]!["get"]!["x-kubernetes-group-version-kind"]!;
        var schemas = Schemas(document);
        JsonNode schema = schemas.Single(s => s.Value!["x-kubernetes-group-version-kind"] is JsonArray kinds &&
                                              kinds.Any(k => JsonNode.DeepEquals(k, gvk))).Value!;
        foreach (var field in fields)
        {
            schema = Property(schemas, schema, field) ?? throw new Xunit.Sdk.XunitException($"field {field} not found");
        }
        return schema["description"]!.GetValue<string>();
    }

    private static JsonNode? Property(JsonObject schemas, JsonNode schema, string field)
    {
        if (schema["$ref"] is JsonValue reference) schema = schemas[reference.GetValue<string>().Split('/')[^1]]!;
        if (schema["properties"]?[field] is { } property) return property;
        if (schema["items"] is { } items) return Property(schemas, items, field);
        if (schema["additionalProperties"] is JsonObject values) return Property(schemas, values, field);
        return schema["allOf"]?.AsArray().Select(s => Property(schemas, s!, field)).FirstOrDefault(p => p is not null);
    }

    private static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Key == "$ref" ? [p.Value!.GetValue<string>()] : References(p.Value)),
        JsonArray array => array.SelectMany(References),
        _ => [],
    };
}
