using System.Net;
using System.Net.Sockets;

namespace ActorOrchestrator.NodeAgent.Pods.Probes;

/// <summary>
/// Probes over the host's network, as the kubelet does: a fresh connection per probe (no keep-alive),
/// redirects followed, the probe's timeout measured on the injected clock.
/// </summary>
public sealed class NetworkProbeTransport : IProbeTransport, IDisposable
{
    private readonly TimeProvider _time;
    private readonly HttpClient _client;

    public NetworkProbeTransport(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _client = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 10,
            PooledConnectionLifetime = TimeSpan.Zero,
            UseCookies = false,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<ProbeResult> HttpGetAsync(HttpProbeRequest request, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(request.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var message = new HttpRequestMessage(HttpMethod.Get, request.Url);
        message.Headers.ConnectionClose = true;
        foreach (var (name, value) in request.Headers)
        {
            if (string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase))
            {
                message.Headers.Host = value;
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }
        try
        {
            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var code = (int)response.StatusCode;
            return code is >= 200 and < 400 ? ProbeResult.Success : ProbeResult.Failure($"HTTP probe failed with statuscode: {code}");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return ProbeResult.Failure($"Get \"{request.Url}\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
        }
        catch (HttpRequestException e)
        {
            return ProbeResult.Failure($"Get \"{request.Url}\": {Describe(e, request.Url.Host, request.Url.Port)}");
        }
    }

    public async Task<ProbeResult> TcpConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, linked.Token);
            return ProbeResult.Success;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return ProbeResult.Failure($"dial tcp {host}:{port}: i/o timeout");
        }
        catch (SocketException e)
        {
            return ProbeResult.Failure(Describe(e, host, port));
        }
    }

    public void Dispose() => _client.Dispose();

    private static string Describe(Exception error, string host, int port)
    {
        var socket = error as SocketException ?? error.InnerException as SocketException;
        return socket?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => $"dial tcp {host}:{port}: connect: connection refused",
            SocketError.HostUnreachable or SocketError.NetworkUnreachable => $"dial tcp {host}:{port}: connect: no route to host",
            SocketError.TimedOut => $"dial tcp {host}:{port}: i/o timeout",
            _ => error.Message,
        };
    }
}
