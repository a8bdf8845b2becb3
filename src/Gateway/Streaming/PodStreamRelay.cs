using System.Net.WebSockets;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Gateway.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.Gateway.Streaming;

/// <summary>
/// The Gateway's half of logs, exec, attach and port-forward, as kube-apiserver does it for the
/// kubelet: look the pod up, find its node's agent, and relay the client's request there (HTTP
/// streaming for logs; the upgraded connection, WebSocket or SPDY, byte for byte for the rest).
/// </summary>
public sealed partial class PodStreamRelay
{
    private static readonly HttpClient LogClient = new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan, // a followed log lasts as long as the client wants
    };

    private readonly IStreamTargetResolver _resolver;
    private readonly ILogger _logger;
    private readonly LogRelay _logs;
    private readonly UpgradeRelay _upgrades;

    public PodStreamRelay(IStreamTargetResolver resolver, ILogger<PodStreamRelay> logger, PodStreamRelayOptions? options = null)
    {
        options ??= new PodStreamRelayOptions();
        _resolver = resolver;
        _logger = logger;
        _logs = new LogRelay(LogClient);
        _upgrades = new UpgradeRelay(options);
    }

    /// <summary>Serves one request for <paramref name="subresource"/> of pod <paramref name="ns"/>/<paramref name="pod"/>.</summary>
    public async Task RelayAsync(HttpContext http, string ns, string pod, string subresource)
    {
        try
        {
            var target = await _resolver.ResolveAsync(ns, pod, subresource, http.Request.Query["container"].LastOrDefault(), http.RequestAborted);
            var agentUrl = new Uri(target.AgentBaseUrl, AgentPaths.For(subresource, ns, pod, http.Request.Query));
            LogRelaying(subresource, ns, pod, target.NodeName, Transport(http, subresource));
            if (subresource == "log")
            {
                await _logs.RelayAsync(http, agentUrl);
            }
            else if (http.WebSockets.IsWebSocketRequest || IsSpdyUpgrade(http.Request))
            {
                await _upgrades.RelayAsync(http, agentUrl);
            }
            else
            {
                throw ApiException.BadRequest("Upgrade request required");
            }
        }
        catch (ApiException e) when (!http.Response.HasStarted)
        {
            await ApiResponses.WriteStatusAsync(http, e);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or WebSocketException && (http.Response.HasStarted || http.RequestAborted.IsCancellationRequested))
        {
            // One side went away mid-stream: the relay is over, nothing left to answer.
            LogEndedEarly(subresource, ns, pod, e.Message);
        }
    }

    private static bool IsSpdyUpgrade(HttpRequest request) =>
        request.Headers.Upgrade.Any(v => v?.Contains("SPDY/3.1", StringComparison.OrdinalIgnoreCase) == true);

    private static string Transport(HttpContext http, string subresource) =>
        subresource == "log" ? "http" : http.WebSockets.IsWebSocketRequest ? "websocket" : IsSpdyUpgrade(http.Request) ? "spdy" : "none";

    [LoggerMessage(Level = LogLevel.Information, Message = "Relaying {Subresource} of pod {Namespace}/{Pod} to node {Node} over {Transport}")]
    private partial void LogRelaying(string subresource, string @namespace, string pod, string node, string transport);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Subresource} of pod {Namespace}/{Pod} ended early: {Reason}")]
    private partial void LogEndedEarly(string subresource, string @namespace, string pod, string reason);
}

public static class PodStreamingRegistration
{
    /// <summary>The relay and a store-backed target resolver (unless one is registered already).</summary>
    public static IServiceCollection AddPodStreaming(this IServiceCollection services)
    {
        services.TryAddSingleton<IStreamTargetResolver, StoreStreamTargetResolver>();
        services.TryAddSingleton(new PodStreamRelayOptions());
        services.TryAddSingleton<PodStreamRelay>();
        return services;
    }
}
