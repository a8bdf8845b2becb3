using System.Net;
using System.Net.WebSockets;
using ActorOrchestrator.Api.Errors;
using Microsoft.AspNetCore.Http;

namespace ActorOrchestrator.Gateway.Streaming;

/// <summary>
/// A WebSocket request (exec v5/v4, port-forward's SPDY tunnel): the agent is dialled first, offering
/// the client's subprotocols; the client is then accepted with the one the agent chose, and messages
/// are copied both ways unchanged (type, fragments, close status). A refusal by the agent becomes an
/// error answer, which also makes kubectl fall back to SPDY and get the agent's full explanation.
/// </summary>
internal sealed class WebSocketRelay(PodStreamRelayOptions options)
{
    public async Task RelayAsync(HttpContext http, Uri agentUrl)
    {
        using var agent = new ClientWebSocket();
        foreach (var protocol in http.WebSockets.WebSocketRequestedProtocols) agent.Options.AddSubProtocol(protocol);
        agent.Options.CollectHttpResponseDetails = true;
        agent.Options.KeepAliveInterval = options.WebSocketKeepAlive;
        using (var connect = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted))
        {
            connect.CancelAfter(options.HandshakeTimeout);
            try
            {
                await agent.ConnectAsync(new UriBuilder(agentUrl) { Scheme = "ws" }.Uri, connect.Token);
            }
            catch (Exception e) when (e is WebSocketException or HttpRequestException || (e is OperationCanceledException && !http.RequestAborted.IsCancellationRequested))
            {
                throw Refusal(agent.HttpStatusCode, e);
            }
        }
        using var client = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = agent.SubProtocol,
            KeepAliveInterval = options.WebSocketKeepAlive,
        });
        await RelayMessagesAsync(client, agent, options.CloseGracePeriod, http.RequestAborted);
    }

    /// <summary>Copies both ways until both sides have closed, or one failed, or the grace after the first close ran out.</summary>
    public static async Task RelayMessagesAsync(WebSocket client, WebSocket agent, TimeSpan grace, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var up = PumpAsync(client, agent, stop.Token);
        var down = PumpAsync(agent, client, stop.Token);
        var first = await Task.WhenAny(up, down);
        if (first.IsCompletedSuccessfully)
        {
            var other = first == up ? down : up;
            await Task.WhenAny(other, Task.Delay(grace, stop.Token));
        }
        await stop.CancelAsync();
        client.Abort();
        agent.Abort();
        await Task.WhenAll(up, down).ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
    }

    private static async Task PumpAsync(WebSocket from, WebSocket to, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var received = await from.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                if (to.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await to.CloseOutputAsync(from.CloseStatus ?? WebSocketCloseStatus.NormalClosure, from.CloseStatusDescription, cancellationToken);
                }
                return;
            }
            await to.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, cancellationToken);
        }
    }

    private static ApiException Refusal(HttpStatusCode status, Exception error) => status switch
    {
        0 or HttpStatusCode.SwitchingProtocols => new ApiException(500, "InternalError", $"error dialing backend: {error.Message}"),
        HttpStatusCode.NotFound => new ApiException(404, "NotFound", "unable to upgrade connection: pod does not exist"),
        _ => new ApiException((int)status, "BadRequest", $"unable to upgrade connection: the node agent answered {(int)status} {status}"),
    };
}
