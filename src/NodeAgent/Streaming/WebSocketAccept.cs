using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ActorOrchestrator.NodeAgent.Streaming;

/// <summary>
/// Accepts a WebSocket by hand (RFC 6455 §4.2.2). ASP.NET Core's own accept refuses sub-protocols
/// that are not RFC tokens, and kubectl's port-forward tunnel is <c>SPDY/3.1+portforward.k8s.io</c>
/// (a '/' in it); gorilla/websocket on the other end has no such rule.
/// </summary>
internal static class WebSocketAccept
{
    private const string KeyGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>Answers 101 with <paramref name="subProtocol"/> and returns the server end, or answers 400 and returns null.</summary>
    public static async Task<WebSocket?> AcceptAsync(HttpContext http, string subProtocol, TimeSpan keepAlive)
    {
        var key = http.Request.Headers["Sec-WebSocket-Key"].ToString().Trim();
        var upgrade = http.Features.Get<IHttpUpgradeFeature>();
        if (key.Length == 0 || upgrade is not { IsUpgradableRequest: true })
        {
            await AgentErrors.BadRequest(http, "not a WebSocket handshake");
            return null;
        }
        http.Response.Headers.Upgrade = "websocket";
        http.Response.Headers.Connection = "Upgrade";
        http.Response.Headers["Sec-WebSocket-Accept"] = AcceptKey(key);
        http.Response.Headers["Sec-WebSocket-Protocol"] = subProtocol;
        var stream = await upgrade.UpgradeAsync();
        return WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = keepAlive });
    }

    /// <summary>The <c>Sec-WebSocket-Accept</c> value for a client key.</summary>
#pragma warning disable CA5350 // SHA-1 is what RFC 6455 prescribes for the handshake; it protects nothing.
    public static string AcceptKey(string key) => Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + KeyGuid)));
#pragma warning restore CA5350
}
