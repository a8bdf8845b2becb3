using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ActorOrchestrator.EndToEndTests.Infrastructure;

namespace ActorOrchestrator.EndToEndTests.ControlPlane;

/// <summary>Optimistic concurrency: a write from a stale copy is refused with 409, never merged silently.</summary>
[Trait("Category", "EndToEnd")]
public sealed class ConflictTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task OfTwoConcurrentUpdatesFromTheSameCopyExactlyOneWins()
    {
        using var http = fixture.Cluster.Http();
        await CreateConfigMapAsync(http, "contended");
        var copy = (await http.GetFromJsonAsync<JsonObject>("/api/v1/namespaces/default/configmaps/contended"))!;

        var updates = Enumerable.Range(0, 2).Select(i =>
        {
            var mine = (JsonObject)copy.DeepClone();
            mine["metadata"]!["labels"] = new JsonObject { ["writer"] = $"w{i}" };
            return http.PutAsync("/api/v1/namespaces/default/configmaps/contended", Json(mine));
        }).ToList();
        var responses = await Task.WhenAll(updates);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var refused = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        var status = (await refused.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Status", status["kind"]!.ToString());
        Assert.Equal("Conflict", status["reason"]!.ToString());
        Assert.Contains("the object has been modified", status["message"]!.ToString());
    }

    [Fact]
    public async Task AnUpdateFromAStaleCopyIsRefusedAfterAnotherWriteLanded()
    {
        using var http = fixture.Cluster.Http();
        await CreateConfigMapAsync(http, "stale");
        var stale = (await http.GetFromJsonAsync<JsonObject>("/api/v1/namespaces/default/configmaps/stale"))!;
        var patch = new StringContent("{\"metadata\":{\"labels\":{\"first\":\"yes\"}}}", Encoding.UTF8, "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, (await http.PatchAsync("/api/v1/namespaces/default/configmaps/stale", patch)).StatusCode);

        stale["metadata"]!["labels"] = new JsonObject { ["second"] = "yes" };
        var response = await http.PutAsync("/api/v1/namespaces/default/configmaps/stale", Json(stale));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var now = (await http.GetFromJsonAsync<JsonObject>("/api/v1/namespaces/default/configmaps/stale"))!;
        Assert.Equal("yes", now["metadata"]!["labels"]!["first"]!.ToString());
        Assert.Null(now["metadata"]!["labels"]!["second"]);
    }

    private static async Task CreateConfigMapAsync(HttpClient http, string name)
    {
        // A ConfigMap: nothing but the test writes it (a pod would also be written by the scheduler).
        var pod = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["data"] = new JsonObject { ["key"] = "value" },
        };
        var created = await http.PostAsync("/api/v1/namespaces/default/configmaps", Json(pod));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
