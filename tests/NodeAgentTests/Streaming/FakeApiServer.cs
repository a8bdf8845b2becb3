using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Gateway.Streaming;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.NodeAgentTests.Streaming;

/// <summary>
/// Just enough of an API server for stock kubectl to reach one pod's streams: version, legacy
/// discovery, GET of the pod, and its log/exec/portforward relayed to a node agent by the Gateway's
/// own <see cref="PodStreamRelay"/> (so the relay is under test too). Records what it was asked.
/// </summary>
public sealed class FakeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _requests = new();

    private FakeApiServer(JsonObject pod, JsonObject node, ILoggerProvider logs)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton<IStreamTargetResolver>(new InMemoryResolver(pod, node));
        builder.Services.AddPodStreaming();
        _app = builder.Build();
        _app.Use(async (http, next) =>
        {
            var upgrade = http.Request.Headers.Upgrade.ToString();
            _requests.Enqueue($"{http.Request.Method} {http.Request.Path}{(upgrade.Length > 0 ? " upgrade=" + upgrade : "")}");
            await next(http);
        });
        _app.UseWebSockets();
        _app.MapGet("/version", () => Results.Json(new { major = "1", minor = "32", gitVersion = "v1.32.0", platform = "linux/amd64" }));
        _app.MapGet("/api", () => Results.Json(new { kind = "APIVersions", versions = new[] { "v1" }, serverAddressByClientCIDRs = new[] { new { clientCIDR = "0.0.0.0/0", serverAddress = "127.0.0.1" } } }));
        _app.MapGet("/apis", () => Results.Json(new { kind = "APIGroupList", apiVersion = "v1", groups = Array.Empty<object>() }));
        _app.MapGet("/api/v1", () => Results.Content(ResourceList, "application/json"));
        _app.MapGet("/api/v1/namespaces/{ns}/pods/{name}", (string ns, string name) =>
            ns == pod["metadata"]!["namespace"]!.GetValue<string>() && name == pod["metadata"]!["name"]!.GetValue<string>()
                ? Results.Content(pod.ToJsonString(), "application/json")
                : Results.Content(StatusObjects.Failure(404, "NotFound", $"pods \"{name}\" not found", "pods", name).ToJsonString(), "application/json", statusCode: 404));
        _app.Map("/api/v1/namespaces/{ns}/pods/{name}/{subresource}", (HttpContext http, string ns, string name, string subresource, PodStreamRelay relay) =>
            relay.RelayAsync(http, ns, name, subresource));
        _app.MapFallback((HttpContext http) => Results.Content(
            StatusObjects.Failure(404, "NotFound", "the server could not find the requested resource").ToJsonString(), "application/json", statusCode: 404));
    }

    public string Url => _app.Urls.First();

    /// <summary>"METHOD /path [upgrade=...]" for every request so far.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    public static async Task<FakeApiServer> StartAsync(JsonObject pod, JsonObject node, ILoggerProvider logs)
    {
        var server = new FakeApiServer(pod, node, logs);
        await server._app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

    private const string ResourceList = """
        {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"v1","resources":[
          {"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","verbs":["get","list"],"shortNames":["po"]},
          {"name":"pods/log","singularName":"","namespaced":true,"kind":"Pod","verbs":["get"]},
          {"name":"pods/exec","singularName":"","namespaced":true,"kind":"PodExecOptions","verbs":["create","get"]},
          {"name":"pods/portforward","singularName":"","namespaced":true,"kind":"PodPortForwardOptions","verbs":["create","get"]}]}
        """;

    /// <summary>The Gateway's decisions (<see cref="StreamTargets"/>) on fixed objects instead of the store.</summary>
    private sealed class InMemoryResolver(JsonObject pod, JsonObject node) : IStreamTargetResolver
    {
        public Task<PodStreamTarget> ResolveAsync(string ns, string name, string subresource, string? container, CancellationToken cancellationToken)
        {
            var found = pod["metadata"]!["namespace"]!.GetValue<string>() == ns && pod["metadata"]!["name"]!.GetValue<string>() == name ? pod : null;
            var nodeName = StreamTargets.CheckPod(found, name, subresource, container);
            var known = node["metadata"]!["name"]!.GetValue<string>() == nodeName ? node : null;
            return Task.FromResult(new PodStreamTarget(StreamTargets.AgentUrl(known, nodeName), nodeName));
        }
    }
}
