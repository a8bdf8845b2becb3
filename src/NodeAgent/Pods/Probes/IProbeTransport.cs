namespace ActorOrchestrator.NodeAgent.Pods.Probes;

/// <summary>
/// How <c>httpGet</c> and <c>tcpSocket</c> probes reach a pod: the host network for Docker
/// (<see cref="NetworkProbeTransport"/>), the fake engine's pod networks for hollow nodes and tests
/// (<see cref="FakeProbeTransport"/>). Failures are results, never exceptions.
/// </summary>
public interface IProbeTransport
{
    /// <summary>Success for a status code in [200, 400).</summary>
    Task<ProbeResult> HttpGetAsync(HttpProbeRequest request, CancellationToken cancellationToken);

    /// <summary>Success when a TCP connection is accepted within the timeout.</summary>
    Task<ProbeResult> TcpConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken);
}

/// <summary>An HTTP probe request: the URL and headers as the kubelet builds them.</summary>
public sealed record HttpProbeRequest(Uri Url, IReadOnlyList<KeyValuePair<string, string>> Headers, TimeSpan Timeout);
