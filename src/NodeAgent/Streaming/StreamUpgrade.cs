using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ActorOrchestrator.NodeAgent.Streaming;

/// <summary>
/// The plain SPDY upgrade client-go falls back to: <c>Connection: Upgrade</c>, <c>Upgrade: SPDY/3.1</c>
/// and the sub-protocols it speaks in <c>X-Stream-Protocol-Version</c> (one header per protocol).
/// The answer is 101 naming the chosen one; SPDY frames follow on the same connection.
/// </summary>
internal static class StreamUpgrade
{
    public const string Spdy31 = "SPDY/3.1";
    public const string ProtocolHeader = "X-Stream-Protocol-Version";
    public const string AcceptedProtocolsHeader = "X-Accepted-Stream-Protocol-Versions";

    public static bool IsSpdyUpgrade(HttpRequest request) =>
        request.Headers.Connection.Any(v => v?.Contains("upgrade", StringComparison.OrdinalIgnoreCase) == true)
        && request.Headers.Upgrade.Any(v => v?.Contains(Spdy31, StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>The client's first protocol the server also speaks (client order wins, as in client-go's handshake).</summary>
    public static string? Negotiate(HttpRequest request, IReadOnlyList<string> serverProtocols) =>
        request.Headers[ProtocolHeader]
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .FirstOrDefault(serverProtocols.Contains);

    public static async Task RefuseProtocolAsync(HttpContext http, IReadOnlyList<string> serverProtocols)
    {
        foreach (var protocol in serverProtocols) http.Response.Headers.Append(AcceptedProtocolsHeader, protocol);
        await AgentErrors.WriteAsync(http, 403, "Forbidden",
            $"unable to upgrade: unable to negotiate protocol: client supports [{string.Join(' ', http.Request.Headers[ProtocolHeader].ToArray())}], server accepts [{string.Join(' ', serverProtocols)}]");
    }

    /// <summary>Answers 101 and returns the raw connection, or answers an error and returns null.</summary>
    public static async Task<Stream?> AcceptSpdyAsync(HttpContext http, string protocol)
    {
        var upgrade = http.Features.Get<IHttpUpgradeFeature>();
        if (upgrade is not { IsUpgradableRequest: true })
        {
            await AgentErrors.BadRequest(http, "unable to upgrade: this connection cannot be upgraded");
            return null;
        }
        http.Response.Headers[ProtocolHeader] = protocol;
        http.Response.Headers.Upgrade = Spdy31;
        http.Response.Headers.Connection = "Upgrade";
        return await upgrade.UpgradeAsync();
    }
}
