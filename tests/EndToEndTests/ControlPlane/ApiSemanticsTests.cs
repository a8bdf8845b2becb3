using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ActorOrchestrator.EndToEndTests.Infrastructure;

namespace ActorOrchestrator.EndToEndTests.ControlPlane;

/// <summary>Server-set metadata, finalizers, namespace lifecycle and the write paths clients use.</summary>
[Trait("Category", "EndToEnd")]
public sealed class ApiSemanticsTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task TheServerSetsIdentityAndBumpsGenerationOnlyForSpecChanges()
    {
        using var http = fixture.Cluster.Http();
        var pod = Pod("stamped");
        pod["metadata"]!["uid"] = "client-chosen";
        pod["metadata"]!["creationTimestamp"] = "2001-01-01T00:00:00Z";
        pod["metadata"]!["generation"] = 42;
        var created = await SendAsync(http, HttpMethod.Post, "/api/v1/namespaces/default/pods", pod, "application/json", HttpStatusCode.Created);
        Assert.NotEqual("client-chosen", created["metadata"]!["uid"]!.ToString());
        Assert.True(Guid.TryParse(created["metadata"]!["uid"]!.ToString(), out _));
        Assert.NotEqual("2001-01-01T00:00:00Z", created["metadata"]!["creationTimestamp"]!.ToString());
        Assert.Equal(1, created["metadata"]!["generation"]!.GetValue<long>());

        var labelled = await SendAsync(http, HttpMethod.Patch, "/api/v1/namespaces/default/pods/stamped",
            JsonNode.Parse("""{"metadata":{"labels":{"a":"b"}}}""")!, "application/merge-patch+json", HttpStatusCode.OK);
        Assert.Equal(1, labelled["metadata"]!["generation"]!.GetValue<long>());
        var reimaged = await SendAsync(http, HttpMethod.Patch, "/api/v1/namespaces/default/pods/stamped",
            JsonNode.Parse("""[{"op":"replace","path":"/spec/containers/0/image","value":"luksa/kubia"}]""")!, "application/json-patch+json", HttpStatusCode.OK);
        Assert.Equal(2, reimaged["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal("luksa/kubia", reimaged["spec"]!["containers"]![0]!["image"]!.ToString());
        Assert.True(long.Parse(reimaged["metadata"]!["resourceVersion"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture)
            > long.Parse(labelled["metadata"]!["resourceVersion"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AFinalizerHoldsAnObjectAndItsNamespaceUntilReleased()
    {
        using var http = fixture.Cluster.Http();
        await SendAsync(http, HttpMethod.Post, "/api/v1/namespaces", JsonNode.Parse("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"held"}}""")!,
            "application/json", HttpStatusCode.Created);
        var pod = Pod("holder");
        pod["metadata"]!["finalizers"] = new JsonArray("example.com/hold");
        await SendAsync(http, HttpMethod.Post, "/api/v1/namespaces/held/pods", pod, "application/json", HttpStatusCode.Created);

        var deleted = await SendAsync(http, HttpMethod.Delete, "/api/v1/namespaces/held", null, null, HttpStatusCode.OK);
        Assert.Equal("Terminating", deleted["status"]!["phase"]!.ToString());
        await Eventually.WaitForAsync(async () =>
        {
            var held = await http.GetFromJsonAsync<JsonObject>("/api/v1/namespaces/held/pods/holder");
            return held!["metadata"]!["deletionTimestamp"] is not null;
        }, TimeSpan.FromSeconds(30), "the namespace loop to mark the pod for deletion");

        var refused = await SendAsync(http, HttpMethod.Post, "/api/v1/namespaces/held/pods", Pod("latecomer"), "application/json", HttpStatusCode.Forbidden);
        Assert.Equal("namespaces \"held\" is forbidden: unable to create new content in namespace held because it is being terminated",
            refused["message"]!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/namespaces/held")).StatusCode);

        await SendAsync(http, HttpMethod.Patch, "/api/v1/namespaces/held/pods/holder",
            JsonNode.Parse("""{"metadata":{"finalizers":null}}""")!, "application/merge-patch+json", HttpStatusCode.OK);
        await Eventually.WaitForAsync(async () => (await http.GetAsync("/api/v1/namespaces/held")).StatusCode == HttpStatusCode.NotFound,
            TimeSpan.FromSeconds(30), "the namespace to go once its last object went");
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/namespaces/held/pods/holder")).StatusCode);
    }

    [Fact]
    public async Task TheSystemNamespacesCannotBeDeleted()
    {
        var result = await fixture.Cluster.Kubectl.RunAsync("delete", "namespace", "default");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("namespaces \"default\" is forbidden: this namespace may not be deleted", result.Error);
    }

    [Fact]
    public async Task YamlBodiesWorkLikeCurlDataBinary()
    {
        using var http = fixture.Cluster.Http();
        var yaml = await File.ReadAllTextAsync(RepositoryPaths.Seed("kubia-manual.yml"));
        await SendTextAsync(http, HttpMethod.Post, "/api/v1/namespaces", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: yaml-body\n", "application/yaml", HttpStatusCode.Created);
        var created = await SendTextAsync(http, HttpMethod.Post, "/api/v1/namespaces/yaml-body/pods", yaml, "application/yaml", HttpStatusCode.Created);
        Assert.Equal("kubia-manual", created["metadata"]!["name"]!.ToString());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces/yaml-body/pods/kubia-manual");
        request.Headers.Accept.ParseAdd("application/yaml");
        var response = await http.SendAsync(request);
        Assert.Equal("application/yaml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("name: kubia-manual", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheManifestEndpointCreatesOrUpdatesEveryObjectAndAnswersPerObject()
    {
        using var http = fixture.Cluster.Http();
        const string manifest = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: bundle
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: first
              namespace: bundle
            spec:
              containers:
              - name: main
                image: taodaling/kubia
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: second
              namespace: bundle
              labels: {tier: web}
            spec:
              containers:
              - name: main
                image: taodaling/kubia
            """;
        var first = await SendTextAsync(http, HttpMethod.Post, "/manifests", manifest, "application/yaml", HttpStatusCode.OK);
        Assert.Equal(["created", "created", "created"], first["items"]!.AsArray().Select(i => i!["action"]!.ToString()));

        var again = await SendTextAsync(http, HttpMethod.Post, "/manifests", manifest.Replace("tier: web", "tier: api", StringComparison.Ordinal), "application/yaml", HttpStatusCode.OK);
        Assert.Equal(["unchanged", "unchanged", "configured"], again["items"]!.AsArray().Select(i => i!["action"]!.ToString()));
        var second = await http.GetFromJsonAsync<JsonObject>("/api/v1/namespaces/bundle/pods/second");
        Assert.Equal("api", second!["metadata"]!["labels"]!["tier"]!.ToString());

        var mixed = await SendTextAsync(http, HttpMethod.Post, "/manifests",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: Bad_Name\n  namespace: bundle\nspec:\n  containers:\n  - name: main\n    image: x\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fine\n  namespace: bundle\ndata:\n  k: v\n",
            "application/yaml", (HttpStatusCode)207);
        var items = mixed["items"]!.AsArray();
        Assert.Equal("failed", items[0]!["action"]!.ToString());
        Assert.Equal(422, items[0]!["status"]!["code"]!.GetValue<int>());
        Assert.Equal("created", items[1]!["action"]!.ToString());
    }

    [Fact]
    public async Task ClientSideAndServerSideApplyCreateThenUpdate()
    {
        var kubectl = fixture.Cluster.Kubectl;
        const string configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\n  namespace: default\ndata:\n  color: blue\n";
        Assert.Contains("configmap/applied created", (await kubectl.RunAsync(["apply", "-f", "-"], configMap, TimeSpan.FromSeconds(60))).EnsureSuccess().Output);
        Assert.Contains("configmap/applied configured",
            (await kubectl.RunAsync(["apply", "-f", "-"], configMap.Replace("blue", "green", StringComparison.Ordinal), TimeSpan.FromSeconds(60))).EnsureSuccess().Output);
        Assert.Contains("configmap/applied unchanged",
            (await kubectl.RunAsync(["apply", "-f", "-"], configMap.Replace("blue", "green", StringComparison.Ordinal), TimeSpan.FromSeconds(60))).EnsureSuccess().Output);
        Assert.Equal("green", (await kubectl.RunAsync("get", "configmap", "applied", "-o", "jsonpath={.data.color}")).EnsureSuccess().Output);

        var serverSide = configMap.Replace("applied", "server-applied", StringComparison.Ordinal);
        Assert.Contains("configmap/server-applied serverside-applied",
            (await kubectl.RunAsync(["apply", "--server-side", "-f", "-"], serverSide, TimeSpan.FromSeconds(60))).EnsureSuccess().Output);
        (await kubectl.RunAsync(["apply", "--server-side", "-f", "-"], serverSide.Replace("blue", "red", StringComparison.Ordinal), TimeSpan.FromSeconds(60))).EnsureSuccess();
        Assert.Equal("red", (await kubectl.RunAsync("get", "configmap", "server-applied", "-o", "jsonpath={.data.color}")).EnsureSuccess().Output);
    }

    [Fact]
    public async Task KubectlRefusesUnknownFieldsAndExplainsFields()
    {
        var kubectl = fixture.Cluster.Kubectl;
        const string typo = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: typo\nspec:\n  containers:\n  - name: main\n    imagee: taodaling/kubia\n";
        var refused = await kubectl.RunAsync(["create", "-f", "-"], typo, TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("unknown field \"spec.containers[0].imagee\"", refused.Error);

        var explained = (await kubectl.RunAsync("explain", "pods.spec.containers")).EnsureSuccess().Output;
        Assert.Contains("FIELD: containers <[]Container>", explained);
        Assert.Contains("image\t<string>", explained.Replace("  ", "\t", StringComparison.Ordinal));
    }

    private static JsonObject Pod(string name) => JsonNode.Parse($$$"""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}"},"spec":{"containers":[{"name":"main","image":"taodaling/kubia"}]}}
        """)!.AsObject();

    private static async Task<JsonObject> SendAsync(HttpClient http, HttpMethod method, string path, JsonNode? body, string? contentType, HttpStatusCode expected) =>
        await SendTextAsync(http, method, path, body?.ToJsonString(), contentType, expected);

    private static async Task<JsonObject> SendTextAsync(HttpClient http, HttpMethod method, string path, string? body, string? contentType, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType!);
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
