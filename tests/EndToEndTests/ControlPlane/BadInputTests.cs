using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ActorOrchestrator.EndToEndTests.Infrastructure;

namespace ActorOrchestrator.EndToEndTests.ControlPlane;

/// <summary>Every kind of bad input gets the Kubernetes Status Kubernetes would send, and nothing is half-written.</summary>
[Trait("Category", "EndToEnd")]
public sealed class BadInputTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private const string Pods = "/api/v1/namespaces/default/pods";

    [Theory]
    [InlineData("Bad_Name", "a lowercase RFC 1123 subdomain")]
    [InlineData("-leading-dash", "a lowercase RFC 1123 subdomain")]
    public async Task InvalidNamesAre422(string name, string message)
    {
        var status = await SendAsync(HttpMethod.Post, Pods, PodJson(name), "application/json", HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Invalid", status["reason"]!.ToString());
        Assert.Contains(message, status["message"]!.ToString());
        await AssertAbsentAsync(name.ToLowerInvariant());
    }

    [Fact]
    public async Task NamesLongerThan253AreRefused()
    {
        var name = new string('a', 254);
        var status = await SendAsync(HttpMethod.Post, Pods, PodJson(name), "application/json", HttpStatusCode.UnprocessableEntity);
        Assert.Contains("must be no more than 253 characters", status["message"]!.ToString());
    }

    [Fact]
    public async Task LabelValuesLongerThan63AreRefused()
    {
        var pod = JsonNode.Parse(PodJson("long-label"))!;
        pod["metadata"]!["labels"] = new JsonObject { ["app"] = new string('x', 64) };
        var status = await SendAsync(HttpMethod.Post, Pods, pod.ToJsonString(), "application/json", HttpStatusCode.UnprocessableEntity);
        Assert.Contains("metadata.labels", status["message"]!.ToString());
        Assert.Contains("must be no more than 63 characters", status["message"]!.ToString());
        await AssertAbsentAsync("long-label");
    }

    [Fact]
    public async Task AnnotationsOver256KiBAreRefused()
    {
        var pod = JsonNode.Parse(PodJson("big-annotations"))!;
        pod["metadata"]!["annotations"] = new JsonObject { ["note"] = new string('x', 256 * 1024 + 1) };
        var status = await SendAsync(HttpMethod.Post, Pods, pod.ToJsonString(), "application/json", HttpStatusCode.UnprocessableEntity);
        Assert.Contains("metadata.annotations", status["message"]!.ToString());
        Assert.Contains("Too long", status["message"]!.ToString());
        await AssertAbsentAsync("big-annotations");
    }

    [Fact]
    public async Task BodiesOver3MiBAre413()
    {
        var pod = JsonNode.Parse(PodJson("huge"))!;
        pod["metadata"]!["annotations"] = new JsonObject { ["filler"] = new string('x', 3 * 1024 * 1024 + 10) };
        var status = await SendAsync(HttpMethod.Post, Pods, pod.ToJsonString(), "application/json", HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("RequestEntityTooLarge", status["reason"]!.ToString());
        await AssertAbsentAsync("huge");
    }

    [Fact]
    public async Task MalformedYamlIs400NamingTheLine()
    {
        const string yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\nspec:\n  containers:\n  - name: a\n    image: b\n   bad: indentation: here\n";
        var status = await SendAsync(HttpMethod.Post, Pods, yaml, "application/yaml", HttpStatusCode.BadRequest);
        Assert.Matches(@"line \d+", status["message"]!.ToString());
        await AssertAbsentAsync("broken");
    }

    [Fact]
    public async Task MalformedJsonIs400NamingTheLine()
    {
        const string json = "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Pod\",\n  \"metadata\": {\"name\": \"broken-json\",}\n";
        var status = await SendAsync(HttpMethod.Post, Pods, json, "application/json", HttpStatusCode.BadRequest);
        Assert.Matches(@"line \d+", status["message"]!.ToString());
    }

    [Fact]
    public async Task UnknownFieldsUnderStrictValidationAre400()
    {
        var pod = JsonNode.Parse(PodJson("strict"))!;
        pod["spec"]!["containers"]![0]!["imagee"] = "typo";
        var status = await SendAsync(HttpMethod.Post, Pods + "?fieldValidation=Strict", pod.ToJsonString(), "application/json", HttpStatusCode.BadRequest);
        Assert.Contains("unknown field \"spec.containers[0].imagee\"", status["message"]!.ToString());
        await AssertAbsentAsync("strict");
    }

    [Fact]
    public async Task YamlAliasBombsAreRefusedQuickly()
    {
        var bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var level = 'b'; level <= 'j'; level++)
        {
            var previous = (char)(level - 1);
            bomb.Append(level).Append(": &").Append(level).Append(" [")
                .Append(string.Join(",", Enumerable.Repeat("*" + previous, 9))).Append("]\n");
        }
        var watch = Stopwatch.StartNew();
        var status = await SendAsync(HttpMethod.Post, Pods, bomb.ToString(), "application/yaml", HttpStatusCode.BadRequest);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Equal("BadRequest", status["reason"]!.ToString());
    }

    [Fact]
    public async Task CreatingInAMissingNamespaceIs404()
    {
        var status = await SendAsync(HttpMethod.Post, "/api/v1/namespaces/no-such-namespace/pods", PodJson("orphan"), "application/json", HttpStatusCode.NotFound);
        Assert.Equal("namespaces \"no-such-namespace\" not found", status["message"]!.ToString());
    }

    [Fact]
    public async Task ExistingNamesAre409AlreadyExists()
    {
        await SendAsync(HttpMethod.Post, Pods, PodJson("twice"), "application/json", HttpStatusCode.Created);
        var status = await SendAsync(HttpMethod.Post, Pods, PodJson("twice"), "application/json", HttpStatusCode.Conflict);
        Assert.Equal("AlreadyExists", status["reason"]!.ToString());
        Assert.Equal("pods \"twice\" already exists", status["message"]!.ToString());
    }

    [Fact]
    public async Task MissingObjectsAre404WithAStatus()
    {
        using var http = fixture.Cluster.Http();
        var response = await http.GetAsync(Pods + "/nowhere");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var status = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("pods \"nowhere\" not found", status["message"]!.ToString());
        Assert.Equal("nowhere", status["details"]!["name"]!.ToString());
    }

    [Fact]
    public async Task InvalidPodSpecsAre422WithTheFieldPath()
    {
        const string pod = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"no-image"},"spec":{"containers":[{"name":"main"}]}}""";
        var status = await SendAsync(HttpMethod.Post, Pods, pod, "application/json", HttpStatusCode.UnprocessableEntity);
        Assert.Contains("spec.containers[0].image: Required value", status["message"]!.ToString());
        await AssertAbsentAsync("no-image");
    }

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, string body, string contentType, HttpStatusCode expected)
    {
        using var http = fixture.Cluster.Http();
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        var status = JsonNode.Parse(text)!.AsObject();
        if ((int)expected >= 400)
        {
            Assert.Equal("Status", status["kind"]!.ToString());
            Assert.Equal((int)expected, status["code"]!.GetValue<int>());
        }
        return status;
    }

    private async Task AssertAbsentAsync(string name)
    {
        using var http = fixture.Cluster.Http();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{Pods}/{name}")).StatusCode);
    }

    private static string PodJson(string name) =>
        $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}"},"spec":{"containers":[{"name":"main","image":"taodaling/kubia"}]}}""";
}
