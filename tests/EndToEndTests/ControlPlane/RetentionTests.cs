using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ActorOrchestrator.EndToEndTests.Infrastructure;
using k8s;
using k8s.Models;

namespace ActorOrchestrator.EndToEndTests.ControlPlane;

/// <summary>
/// History is bounded: the revision log is compacted (old watches get 410 Gone) and events expire.
/// The cluster runs with short retention times so the test does not wait an hour.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class RetentionTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync(new TestClusterOptions
    {
        SiloArguments = ["--log-retention", "00:00:03", "--event-ttl", "00:00:05"],
    });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task AWatchFromACompactedResourceVersionGets410Gone()
    {
        using var http = _cluster.Http();
        var list = (await http.GetFromJsonAsync<JsonObject>("/api/v1/namespaces/default/pods"))!;
        var old = list["metadata"]!["resourceVersion"]!.ToString();

        // Keep writing until the log has been compacted past the old revision (the compactor runs every few seconds).
        var gone = await Eventually.WaitForAsync(async () =>
        {
            var tick = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["tick"] = Guid.NewGuid().ToString() } } };
            using var write = new StringContent(tick.ToJsonString(), Encoding.UTF8, "application/merge-patch+json");
            await http.PatchAsync("/api/v1/namespaces/default", write);
            return await http.GetAsync($"/api/v1/namespaces/default/pods?watch=true&resourceVersion={old}", HttpCompletionOption.ResponseHeadersRead);
        }, response => response.StatusCode == HttpStatusCode.Gone, TimeSpan.FromSeconds(60), "a 410 for the old resourceVersion");

        var status = (await gone.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Expired", status["reason"]!.ToString());
        Assert.StartsWith("too old resource version", status["message"]!.ToString());
    }

    [Fact]
    public async Task EventsExpireAfterTheirTimeToLive()
    {
        using var client = _cluster.Client();
        await client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = "short-lived" },
            InvolvedObject = new V1ObjectReference { Kind = "Namespace", Name = "default", ApiVersion = "v1" },
            Reason = "Testing",
            Message = "expires soon",
            Type = "Normal",
            Source = new V1EventSource { Component = "retention-test" },
        }, "default");
        Assert.Single((await client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: "reason=Testing")).Items);

        await Eventually.WaitForAsync(async () =>
            (await client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: "reason=Testing")).Items.Count == 0,
            TimeSpan.FromSeconds(60), "the event to expire");
    }
}
