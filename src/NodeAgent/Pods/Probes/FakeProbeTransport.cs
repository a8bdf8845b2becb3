using ActorOrchestrator.NodeAgent.Runtime;

namespace ActorOrchestrator.NodeAgent.Pods.Probes;

/// <summary>Probes into a <see cref="FakeContainerEngine"/>'s pod networks, for hollow nodes and tests.</summary>
public sealed class FakeProbeTransport(FakeContainerEngine engine) : IProbeTransport
{
    public Task<ProbeResult> HttpGetAsync(HttpProbeRequest request, CancellationToken cancellationToken)
    {
        var url = request.Url;
        var response = engine.HttpGetFromHost(url.ToString());
        return Task.FromResult(response switch
        {
            null => ProbeResult.Failure($"Get \"{url}\": dial tcp {url.Host}:{url.Port}: connect: connection refused"),
            { StatusCode: >= 200 and < 400 } => ProbeResult.Success,
            _ => ProbeResult.Failure($"HTTP probe failed with statuscode: {response.StatusCode}"),
        });
    }

    public Task<ProbeResult> TcpConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult(engine.IsListening(host, port)
            ? ProbeResult.Success
            : ProbeResult.Failure($"dial tcp {host}:{port}: connect: connection refused"));
}
