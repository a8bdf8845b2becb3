using System.Text;
using ActorOrchestrator.NodeAgent.Runtime;
using k8s.Models;

namespace ActorOrchestrator.NodeAgent.Pods.Probes;

/// <summary>What a probe is aimed at: a container instance and its pod's address.</summary>
internal sealed record ProbeTarget(string ContainerId, string? PodIp, V1Container Container);

/// <summary>
/// Runs one probe once, the kubelet's way: <c>httpGet</c> to podIP:port (named ports resolved on the
/// container), <c>tcpSocket</c> connect, <c>exec</c> in the container (exit 0 passes).
/// </summary>
internal sealed class ProbeRunner(IContainerRuntime runtime, IProbeTransport transport)
{
    private const int MaxOutput = 10 * 1024;

    /// <summary>Null when the probe has no handler this node supports (gRPC): it is then not run at all.</summary>
    public static string? Unsupported(V1Probe probe) =>
        probe.HttpGet is not null || probe.TcpSocket is not null || probe.Exec is not null ? null
        : probe.Grpc is not null ? "gRPC probes are not supported on this node"
        : "the probe has no handler";

    public async Task<ProbeResult> RunAsync(V1Probe probe, ProbeTarget target, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(Math.Max(1, probe.TimeoutSeconds ?? 1));
        if (probe.Exec is { } exec)
        {
            return await ExecAsync(exec.Command ?? [], target, timeout, cancellationToken);
        }
        if (probe.HttpGet is { } http)
        {
            if (ResolvePort(http.Port, target.Container) is not { } port)
            {
                return ProbeResult.Failure($"unable to resolve port {http.Port?.Value} of container {target.Container.Name}");
            }
            var host = string.IsNullOrEmpty(http.Host) ? target.PodIp : http.Host;
            if (string.IsNullOrEmpty(host))
            {
                return ProbeResult.Failure("the pod has no IP yet");
            }
            var scheme = string.IsNullOrEmpty(http.Scheme) ? "http" : http.Scheme.ToLowerInvariant();
            var path = string.IsNullOrEmpty(http.Path) ? "/" : http.Path.StartsWith('/') ? http.Path : "/" + http.Path;
            var url = new Uri($"{scheme}://{FormatHost(host)}:{port}{path}");
            return await transport.HttpGetAsync(new HttpProbeRequest(url, Headers(http), timeout), cancellationToken);
        }
        if (probe.TcpSocket is { } tcp)
        {
            if (ResolvePort(tcp.Port, target.Container) is not { } port)
            {
                return ProbeResult.Failure($"unable to resolve port {tcp.Port?.Value} of container {target.Container.Name}");
            }
            var host = string.IsNullOrEmpty(tcp.Host) ? target.PodIp : tcp.Host;
            return string.IsNullOrEmpty(host)
                ? ProbeResult.Failure("the pod has no IP yet")
                : await transport.TcpConnectAsync(host, port, timeout, cancellationToken);
        }
        return ProbeResult.Success;
    }

    /// <summary>A number, or the name of one of the container's ports (<c>port: http</c>).</summary>
    public static int? ResolvePort(IntOrString? port, V1Container container)
    {
        var value = port?.Value;
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return number is > 0 and < 65536 ? number : null;
        }
        return container.Ports?.FirstOrDefault(p => p.Name == value)?.ContainerPort;
    }

    private async Task<ProbeResult> ExecAsync(IList<string> command, ProbeTarget target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (command.Count == 0)
        {
            return ProbeResult.Failure("the exec probe has no command");
        }
        var text = string.Join(' ', command);
        using var output = new BoundedStream(MaxOutput);
        try
        {
            var result = await runtime.ExecAsync(target.ContainerId, new ExecRequest([.. command], Stdout: output, Stderr: output, Timeout: timeout), cancellationToken);
            if (result.ExitCode == 0)
            {
                return ProbeResult.Success;
            }
            var said = output.Text().Trim();
            return ProbeResult.Failure(said.Length > 0 ? said : $"command \"{text}\" exited with {result.ExitCode}");
        }
        catch (ContainerRuntimeException e) when (e.Reason == ContainerRuntimeErrorReason.Timeout)
        {
            return ProbeResult.Failure($"command \"{text}\" timed out");
        }
        catch (ContainerRuntimeException e)
        {
            return ProbeResult.Failure(e.Message);
        }
    }

    private static List<KeyValuePair<string, string>> Headers(V1HTTPGetAction http)
    {
        var headers = new List<KeyValuePair<string, string>>();
        var custom = http.HttpHeaders ?? [];
        if (!custom.Any(h => string.Equals(h.Name, "User-Agent", StringComparison.OrdinalIgnoreCase)))
        {
            headers.Add(new("User-Agent", "kube-probe/1.32"));
        }
        if (!custom.Any(h => string.Equals(h.Name, "Accept", StringComparison.OrdinalIgnoreCase)))
        {
            headers.Add(new("Accept", "*/*"));
        }
        headers.AddRange(custom.Where(h => !string.IsNullOrEmpty(h.Name)).Select(h => new KeyValuePair<string, string>(h.Name, h.Value ?? "")));
        return headers;
    }

    private static string FormatHost(string host) => host.Contains(':') && !host.StartsWith('[') ? $"[{host}]" : host;

    /// <summary>Keeps the first bytes of a probe's output: enough for the event, bounded whatever the command prints.</summary>
    private sealed class BoundedStream(int limit) : Stream
    {
        private readonly MemoryStream _buffer = new();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _buffer.Length;
        public override long Position { get => _buffer.Length; set => throw new NotSupportedException(); }

        public string Text()
        {
            lock (_buffer)
            {
                return Encoding.UTF8.GetString(_buffer.GetBuffer(), 0, (int)_buffer.Length);
            }
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (_buffer)
            {
                var room = (int)Math.Max(0, limit - _buffer.Length);
                _buffer.Write(buffer, offset, Math.Min(room, count));
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _buffer.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
